package io.vfiorig.cli;

import io.vfiorig.agent.bench.HammerBench;
import io.vfiorig.agent.bench.ModeResult;
import io.vfiorig.agent.device.DeviceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig bench}: benchmarks of the rig itself (not tests of a device). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks of the rig itself. They measure, they do not pass or fail."},
        subcommands = {BenchCommand.Hammer.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code rig bench hammer}: Java hammer against a C hammer on the same memfd. */
    @Command(name = "hammer", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Benchmark the rig's Java hammer against a C hammer on the same memory.",
                "",
                "Both do the same work on a memfd this JVM creates and maps MAP_SHARED; the",
                "C hammer (bench/hammer.c, built now with 'gcc -O2 -pthread') opens the same",
                "memfd through /proc/<pid>/fd/<n> and maps it too.",
                "",
                "For each thread count, --rounds times, Java and C one after the other",
                "(alternating who goes first), one slice of the memfd per thread:",
                "  fault    MADV_DONTNEED the slice, then write one 32-bit word per 4 KiB",
                "           page (one minor fault each), every write timed (clock before",
                "           and after) and recorded in an HDR histogram. Reports faults/s",
                "           (getrusage minflt of the hammer threads / wall time), latency.",
                "  steady   read one word per mapped page, timed and recorded.",
                "  untimed  the steady loop without clocks or histogram. Steady minus",
                "           untimed cost per access is the per-access timing overhead.",
                "Prints a table and the Java/C faults/s ratio, the median of the per-round",
                "ratios (target >= 0.9 at every thread count), and writes everything, with",
                "host facts, to a JSON file.",
                "",
                "This is a benchmark, not a timed test: the exit code is 0 whatever the",
                "ratio, and the numbers depend on the host (expect noise on a busy or",
                "virtualised machine). Needs gcc. Takes about rounds x thread counts x 6 x",
                "seconds plus the warm-up: about 2 minutes with the defaults on 2 CPUs.",
                ""},
            footer = {"", "Examples:",
                "  rig bench hammer",
                "  rig bench hammer --seconds 1 --rounds 1 --threads 1",
                "  rig bench hammer --size 256M --threads 1,2,4 --out hammer-4t.json"})
    static final class Hammer implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "2", paramLabel = "S",
                description = "Length of every measured run. Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
                description = "Runs per thread count, mode and implementation. The ratio is the median"
                        + " of the per-round Java/C ratios; more, shorter rounds resist a busy host"
                        + " better. Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--size", defaultValue = "64M", paramLabel = "BYTES[K|M|G]",
                description = "memfd size, split into one page-aligned slice per thread. Default: ${DEFAULT-VALUE}.")
        String size;

        @Option(names = "--threads", split = ",", paramLabel = "T",
                description = "Thread counts to measure, comma separated. Default: 1 and the number of CPUs"
                        + " the JVM sees (availableProcessors).")
        List<Integer> threads;

        @Option(names = "--warmup", defaultValue = "1", paramLabel = "S",
                description = "Unrecorded runs of this length first, one per mode for C, two for Java (JIT"
                        + " compilation); 0 for none. Default: ${DEFAULT-VALUE}.")
        double warmup;

        @Option(names = "--cc", defaultValue = "gcc", paramLabel = "CMD",
                description = "C compiler for the C hammer. Default: ${DEFAULT-VALUE}.")
        String compiler;

        @Option(names = "--out", defaultValue = "bench-results/hammer.json", paramLabel = "FILE",
                description = "JSON results file. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<Integer> counts = threads == null || threads.isEmpty()
                    ? HammerBench.Config.defaultThreadCounts() : threads;
            HammerBench.Config config = new HammerBench.Config(seconds, rounds, DeviceSpec.parseSize(size), counts,
                    warmup, compiler, null);
            System.err.printf(Locale.ROOT, "rig bench hammer: %s memfd, threads %s, %d round(s) of %.1f s per mode"
                    + " and implementation%n", size, config.threadCounts(), rounds, seconds);
            HammerBench.Report report = HammerBench.run(config, System.err);
            HammerBench.write(report, out);
            System.out.println(table(report));
            System.out.println("results: " + out.toAbsolutePath());
            return Rig.OK;
        }

        static String table(HammerBench.Report r) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-7s %-4s %10s %12s %10s %8s %8s %8s %8s %8s%n", "THREADS", "IMPL",
                    "FAULTS/S", "FAULTS/CPU-S", "FLT/TOUCH", "P50 NS", "P99 NS", "TIMED", "UNTIMED", "OVERHEAD"));
            for (HammerBench.ThreadCountResult t : r.results()) {
                row(sb, t.threads(), "java", t.java());
                row(sb, t.threads(), "c", t.c());
            }
            sb.append(String.format(Locale.ROOT, "%nratio java/c (median of the per-round ratios):"));
            for (HammerBench.ThreadCountResult t : r.results()) {
                sb.append(String.format(Locale.ROOT, "%n  %d thread(s): faults/s %.3f, faults/CPU-s %.3f; rounds",
                        t.threads(), t.ratioJavaOverC(), t.ratioJavaOverCCpu()));
                for (double p : t.pairedRatios()) {
                    sb.append(String.format(Locale.ROOT, " %.2f", p));
                }
            }
            sb.append(String.format(Locale.ROOT, "%ntarget faults/s ratio >= %.1f at every thread count: %s%n",
                    r.targetRatio(),
                    r.targetMet() ? "met" : "NOT met"));
            sb.append(String.format("(faults/s: wall time, the target; faults/CPU-s: per CPU second of the hammer"
                    + " threads.%n TIMED/UNTIMED: steady-mode CPU ns per access; OVERHEAD = TIMED - UNTIMED, the"
                    + " cost of two clock reads and a histogram record.)"));
            if (!r.sharedMemfdCheck()) {
                sb.append(String.format("%nWARNING: the C hammer's writes did not show up in the JVM's memfd"));
            }
            return sb.toString();
        }

        private static void row(StringBuilder sb, int threads, String impl, HammerBench.ImplResult r) {
            ModeResult f = r.fault();
            sb.append(String.format(Locale.ROOT, "%-7d %-4s %,10.0f %,12.0f %10.3f %8d %8d %8.1f %8.1f %8.1f%n",
                    threads, impl, f.faultsPerSec(), r.faultsPerCpuSec(), f.faultsPerTouch(), f.p50Ns(), f.p99Ns(),
                    r.steadyTimed().cpuNsPerAccess(), r.steadyUntimed().cpuNsPerAccess(), r.timingOverheadNs()));
        }
    }
}
