package io.vfiorig.agent.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code rig bench hammer}: the Java hammer against a small C hammer on the same memfd mapping.
 *
 * <p>The JVM creates a memfd (every page allocated once, so all measured faults are minor
 * page-cache faults), maps it MAP_SHARED and runs {@link JavaHammer}; the C hammer, compiled at
 * bench time, opens the same memfd through {@code /proc/<jvm pid>/fd/<memfd>} and does the same
 * work in the same modes ({@link HammerMode}). For each thread count, each round runs every mode
 * for both implementations, alternating which goes first; the median round counts. Reported:
 * faults/s in fault mode and their Java/C ratio (target {@value #TARGET_RATIO}), and the per-access
 * timing overhead (steady timed minus untimed loop cost per access).
 *
 * <p>A benchmark, not a timed test: nothing here fails because a number is low.
 */
public final class HammerBench {
    /** The target for Java faults/s over C faults/s, at every thread count. */
    public static final double TARGET_RATIO = 0.9;
    /** Default memfd size. */
    public static final long DEFAULT_SIZE = 64L << 20;
    /** Default length of one measured run, in seconds. */
    public static final double DEFAULT_SECONDS = 2;
    /** Default number of rounds. */
    public static final int DEFAULT_ROUNDS = 5;

    private static final ObjectMapper JSON = ResultsJson.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private HammerBench() {}

    /**
     * What to run.
     *
     * @param seconds       length of every measured run
     * @param rounds        measured runs per (thread count, mode, implementation); the median counts
     * @param sizeBytes     memfd size, a multiple of the page size
     * @param threadCounts  thread counts to measure, e.g. {@code [1, nproc]}
     * @param warmupSeconds length of the unrecorded runs before the rounds, one per mode for C and
     *                      two per mode for Java (JIT compilation), 0 for none
     * @param compiler      the C compiler command, normally {@code gcc}
     * @param workDir       where to build the C hammer, or {@code null} for a temporary directory
     */
    public record Config(double seconds, int rounds, long sizeBytes, List<Integer> threadCounts,
            double warmupSeconds, String compiler, Path workDir) {
        public Config {
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
            }
            if (!(warmupSeconds >= 0)) {
                throw new IllegalArgumentException("warmup seconds must be >= 0, got " + warmupSeconds);
            }
            long page = Libc.pageSize();
            if (sizeBytes <= 0 || sizeBytes % page != 0) {
                throw new IllegalArgumentException("size must be a positive multiple of the " + page
                        + "-byte page size, got " + sizeBytes);
            }
            if (threadCounts == null || threadCounts.isEmpty()) {
                throw new IllegalArgumentException("at least one thread count is needed");
            }
            threadCounts = List.copyOf(threadCounts.stream().distinct().toList());
            for (int t : threadCounts) {
                if (t < 1 || sizeBytes / page < t) {
                    throw new IllegalArgumentException("thread count " + t + " must be >= 1 and at most the "
                            + sizeBytes / page + " pages of the memfd");
                }
            }
            if (compiler == null || compiler.isBlank()) {
                compiler = "gcc";
            }
        }

        /** @return the thread counts {@code [1, availableProcessors]} (one entry on a 1-CPU host) */
        public static List<Integer> defaultThreadCounts() {
            return List.of(1, Runtime.getRuntime().availableProcessors()).stream().distinct().toList();
        }

        /**
         * @return 2 s runs, 5 rounds, 64 MiB, threads 1 and N, 1 s warm-up, gcc, a temporary build
         *     directory (five shorter rounds rather than three long ones: the median of five paired
         *     rounds shrugs off the bursts of a busy host better, for the same total time)
         */
        public static Config defaults() {
            return new Config(DEFAULT_SECONDS, DEFAULT_ROUNDS, DEFAULT_SIZE, defaultThreadCounts(), 1, "gcc", null);
        }
    }

    /**
     * Facts about the host that move the numbers; {@code loadavgStart}/{@code loadavgEnd} are
     * {@code /proc/loadavg} before and after the runs (other load makes the numbers noisy).
     */
    public record Host(String kernel, String cpuModel, int cpus, String javaVersion, String javaVm, String gc,
            String gccVersion, String clocksource, String shmemThp, String loadavgStart, String loadavgEnd) {}

    /** The settings a report was made with. */
    public record Settings(double seconds, int rounds, long sizeBytes, int pageSize, List<Integer> threadCounts,
            double warmupSeconds, String cBuild, String histogram) {}

    /**
     * One implementation at one thread count: the median round of each mode.
     *
     * @param fault              fault mode, the median round by faults/s
     * @param steadyTimed        steady mode (timed), the median round by CPU ns per access
     * @param steadyUntimed      steady mode without clocks, the median round by CPU ns per access
     * @param faultsPerSecRounds faults/s of every fault-mode round, in run order
     * @param faultsPerCpuSecRounds faults per CPU second of the hammer threads, every fault-mode round
     * @param faultsPerCpuSec    the median of {@code faultsPerCpuSecRounds} (mean of the middle two for
     *                           an even count)
     * @param timingOverheadNs   {@code steadyTimed.cpuNsPerAccess - steadyUntimed.cpuNsPerAccess}: what
     *                           two clock reads and a histogram record add to one access, in CPU time
     * @param timingOverheadWallNs the same from wall time per access ({@code nsPerAccess}), which
     *                           also counts time the threads were descheduled
     */
    public record ImplResult(ModeResult fault, ModeResult steadyTimed, ModeResult steadyUntimed,
            List<Double> faultsPerSecRounds, List<Double> faultsPerCpuSecRounds, double faultsPerCpuSec,
            double timingOverheadNs, double timingOverheadWallNs) {}

    /**
     * Both implementations at one thread count.
     *
     * @param threads        the thread count
     * @param java           the Java hammer
     * @param c              the C hammer
     * @param ratioJavaOverC the headline number: the median over rounds of Java faults/s divided by
     *                       C faults/s of the same round (the two runs of a round are adjacent in
     *                       time, so slow drift of the host cancels)
     * @param ratioJavaOverCCpu the same with faults per CPU second of the hammer threads, which time
     *                       lost to other load on the host disturbs less
     * @param ratioOfMedians median Java faults/s over median C faults/s ({@code fault} entries)
     * @param pairedRatios   the per-round ratios behind {@code ratioJavaOverC}, in run order
     * @param targetMet      {@code ratioJavaOverC >= TARGET_RATIO}
     */
    public record ThreadCountResult(int threads, ImplResult java, ImplResult c, double ratioJavaOverC,
            @JsonProperty("ratio_java_over_c_cpu") double ratioJavaOverCCpu, double ratioOfMedians,
            List<Double> pairedRatios, boolean targetMet) {}

    /**
     * The whole benchmark.
     *
     * @param benchmark        always {@code "hammer"}
     * @param finished         when the runs ended (ISO-8601 instant)
     * @param host             host facts
     * @param settings         what was run
     * @param results          one entry per thread count
     * @param targetRatio      {@value #TARGET_RATIO}
     * @param targetMet        the ratio reached the target at every thread count
     * @param sharedMemfdCheck every C fault run left its pattern word in the JVM's memfd (it really
     *                         hammered the same memory)
     * @param notes            what is measured and what is not the same on both sides
     */
    public record Report(String benchmark, String finished, Host host, Settings settings,
            List<ThreadCountResult> results, double targetRatio, boolean targetMet, boolean sharedMemfdCheck,
            List<String> notes) {}

    /** @return the mapper bench reports are written with (snake_case, indented) */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Writes {@code report} as JSON, creating parent directories.
     *
     * @param report the report
     * @param file   destination, e.g. {@code bench-results/hammer.json}
     */
    public static void write(Report report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(report) + "\n");
    }

    /**
     * Builds the C hammer, creates and maps the memfd, runs the rounds and returns the report.
     *
     * @param config what to run
     * @param log    progress lines (one per measured run), e.g. {@code System.err}
     * @return the report
     * @throws IllegalStateException if gcc is missing, the C build fails or a hammer fails
     */
    public static Report run(Config config, PrintStream log) throws IOException, InterruptedException {
        if (!DeviceAccess.protectedFromInlining()) {
            log.println("bench: WARNING: device accesses may be inlined by C2 in this JVM; numbers may not match"
                    + " the rig's hammer");
        }
        long size = config.sizeBytes();
        String loadStart = loadavg();
        try (CHammer c = CHammer.build(config.workDir(), config.compiler(), JSON)) {
            log.println("bench: built the C hammer with " + c.compilerVersion() + " ("
                    + String.join(" ", CHammer.CFLAGS) + ")");
            int fd = Libc.memfdCreate("rig-bench-hammer", Libc.MFD_CLOEXEC);
            try {
                Libc.ftruncate(fd, size);
                MemorySegment mem = Libc.mmap(MemorySegment.NULL, size, Libc.PROT_READ | Libc.PROT_WRITE,
                        Libc.MAP_SHARED, fd, 0);
                try {
                    noHugePages(mem, size);
                    // Allocate every memfd page once: from here on every fault is a minor page-cache fault.
                    long page = Libc.pageSize();
                    for (long off = 0; off < size; off += page) {
                        DeviceAccess.write32(mem, off, DeviceProfile.patternWord(off));
                    }
                    String fdPath = "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
                    Session s = new Session(config, mem, fdPath, new JavaHammer(mem, size), c, log, loadStart);
                    return s.runAll();
                } finally {
                    Libc.munmap(mem, size);
                }
            } finally {
                Libc.close(fd);
            }
        }
    }

    private static void noHugePages(MemorySegment mem, long size) {
        try {
            Libc.madvise(mem, size, Libc.MADV_NOHUGEPAGE); // 4 KiB faults on both sides, whatever shmem THP says
        } catch (NativeCallException e) {
            // Kernels without THP reject the advice; the faults are 4 KiB there anyway.
        }
    }

    /** One bench run over a prepared memfd. */
    private static final class Session {
        private final Config config;
        private final MemorySegment mem;
        private final String fdPath;
        private final JavaHammer java;
        private final CHammer c;
        private final PrintStream log;
        private final String loadStart;
        private boolean sharedMemfdCheck = true;

        Session(Config config, MemorySegment mem, String fdPath, JavaHammer java, CHammer c, PrintStream log,
                String loadStart) {
            this.loadStart = loadStart;
            this.config = config;
            this.mem = mem;
            this.fdPath = fdPath;
            this.java = java;
            this.c = c;
            this.log = log;
        }

        Report runAll() throws IOException, InterruptedException {
            List<Integer> counts = config.threadCounts();
            int maxThreads = counts.stream().max(Integer::compare).orElseThrow();
            if (config.warmupSeconds() > 0) {
                log.printf(Locale.ROOT, "bench: warm-up, %.1f s per mode for C and twice that for Java, at %d"
                        + " thread(s)%n", config.warmupSeconds(), maxThreads);
                // C first: its runs load the classes of the child-process and JSON paths, which could
                // otherwise invalidate (deoptimize) Java loops compiled before them.
                for (HammerMode mode : HammerMode.values()) {
                    runOne(false, mode, maxThreads, config.warmupSeconds());
                }
                // Twice: in fault mode the loop turns only ~100k times a second, and a first compilation
                // of it is typically thrown away (dependencies) before C2 has its final version.
                for (int pass = 0; pass < 2; pass++) {
                    for (HammerMode mode : HammerMode.values()) {
                        runOne(true, mode, maxThreads, config.warmupSeconds());
                    }
                }
            }
            // samples[thread count][java?][mode]
            Map<Integer, Map<Boolean, EnumMap<HammerMode, List<ModeResult>>>> samples = new LinkedHashMap<>();
            for (int t : counts) {
                Map<Boolean, EnumMap<HammerMode, List<ModeResult>>> byImpl = new LinkedHashMap<>();
                for (boolean isJava : new boolean[] {true, false}) {
                    EnumMap<HammerMode, List<ModeResult>> byMode = new EnumMap<>(HammerMode.class);
                    for (HammerMode m : HammerMode.values()) {
                        byMode.put(m, new ArrayList<>());
                    }
                    byImpl.put(isJava, byMode);
                }
                samples.put(t, byImpl);
            }
            for (int round = 0; round < config.rounds(); round++) {
                for (int t : counts) {
                    for (HammerMode mode : HammerMode.values()) {
                        // Alternate who goes first, so neither side always inherits the other's aftermath.
                        boolean javaFirst = round % 2 == 0;
                        ModeResult first = runOne(javaFirst, mode, t, config.seconds());
                        ModeResult second = runOne(!javaFirst, mode, t, config.seconds());
                        ModeResult j = javaFirst ? first : second;
                        ModeResult cr = javaFirst ? second : first;
                        samples.get(t).get(true).get(mode).add(j);
                        samples.get(t).get(false).get(mode).add(cr);
                        log.printf(Locale.ROOT, "bench: round %d/%d, %d thread(s), %-7s java %s, c %s%n", round + 1,
                                config.rounds(), t, mode.id(), brief(j), brief(cr));
                    }
                }
            }
            List<ThreadCountResult> results = new ArrayList<>();
            for (int t : counts) {
                ImplResult j = summarize(samples.get(t).get(true));
                ImplResult cr = summarize(samples.get(t).get(false));
                List<Double> paired = pairedRatios(j.faultsPerSecRounds(), cr.faultsPerSecRounds());
                double ratio = medianOf(paired);
                double cpuRatio = medianOf(pairedRatios(j.faultsPerCpuSecRounds(), cr.faultsPerCpuSecRounds()));
                double ofMedians = cr.fault().faultsPerSec() > 0
                        ? j.fault().faultsPerSec() / cr.fault().faultsPerSec() : 0;
                results.add(new ThreadCountResult(t, j, cr, ratio, cpuRatio, ofMedians, paired, ratio >= TARGET_RATIO));
            }
            boolean met = results.stream().allMatch(ThreadCountResult::targetMet);
            Settings settings = new Settings(config.seconds(), config.rounds(), config.sizeBytes(), Libc.pageSize(),
                    counts, config.warmupSeconds(),
                    config.compiler() + " " + String.join(" ", CHammer.CFLAGS) + " (" + c.compilerVersion() + ")",
                    "HDR, 3 significant digits, 1 ns .. 2^40 ns, one per thread"
                            + " (Java: org.HdrHistogram.Histogram; C: the same bucket layout and record steps)");
            return new Report("hammer", Instant.now().toString(), host(c, loadStart), settings, results,
                    TARGET_RATIO, met, sharedMemfdCheck, notes());
        }

        private ModeResult runOne(boolean isJava, HammerMode mode, int threads, double seconds)
                throws IOException, InterruptedException {
            long size = config.sizeBytes();
            // Start every run with nothing mapped in the JVM's view of the memfd.
            Libc.madvise(mem, size, Libc.MADV_DONTNEED);
            if (isJava) {
                return java.run(mode, threads, seconds);
            }
            boolean check = mode == HammerMode.FAULT;
            if (check) {
                DeviceAccess.write32(mem, 0, ~DeviceProfile.patternWord(0));
                Libc.madvise(mem, size, Libc.MADV_DONTNEED);
            }
            ModeResult r = c.run(fdPath, size, mode, threads, seconds);
            if (check && DeviceAccess.read32(mem, 0) != DeviceProfile.patternWord(0)) {
                sharedMemfdCheck = false;
                log.println("bench: WARNING: the C hammer's writes did not reach the JVM's memfd (" + fdPath + ")");
            }
            return r;
        }

        private static ImplResult summarize(EnumMap<HammerMode, List<ModeResult>> byMode) {
            List<ModeResult> faults = byMode.get(HammerMode.FAULT);
            ModeResult fault = median(faults, Comparator.comparingDouble(ModeResult::faultsPerSec));
            ModeResult timed = median(byMode.get(HammerMode.STEADY),
                    Comparator.comparingDouble(ModeResult::cpuNsPerAccess));
            ModeResult untimed = median(byMode.get(HammerMode.UNTIMED),
                    Comparator.comparingDouble(ModeResult::cpuNsPerAccess));
            List<Double> perCpuSec = faults.stream().map(ModeResult::faultsPerCpuSec).toList();
            return new ImplResult(fault, timed, untimed, faults.stream().map(ModeResult::faultsPerSec).toList(),
                    perCpuSec, medianOf(perCpuSec), timed.cpuNsPerAccess() - untimed.cpuNsPerAccess(),
                    timed.nsPerAccess() - untimed.nsPerAccess());
        }

        /** Java over C of each round: the two runs of a round are adjacent in time, so drift cancels. */
        private static List<Double> pairedRatios(List<Double> java, List<Double> c) {
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < Math.min(java.size(), c.size()); i++) {
                out.add(c.get(i) > 0 ? java.get(i) / c.get(i) : 0);
            }
            return out;
        }

        /** The median (the mean of the middle two for an even count). */
        private static double medianOf(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** The median element (the lower one of the middle two for an even count). */
        private static ModeResult median(List<ModeResult> runs, Comparator<ModeResult> order) {
            List<ModeResult> sorted = runs.stream().sorted(order).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        private static String brief(ModeResult r) {
            return r.mode().equals(HammerMode.FAULT.id())
                    ? String.format(Locale.ROOT, "%,.0f faults/s, %,.0f per CPU-s (%.2f faults/touch)",
                            r.faultsPerSec(), r.faultsPerCpuSec(), r.faultsPerTouch())
                    : String.format(Locale.ROOT, "%.1f CPU ns/access", r.cpuNsPerAccess());
        }
    }

    private static List<String> notes() {
        return List.of(
                "fault mode: per pass MADV_DONTNEED of the thread's slice, then one 32-bit pattern write per 4 KiB"
                        + " page (a write fault on a shared memfd maps exactly one page); faults = getrusage"
                        + " RUSAGE_THREAD minflt deltas of the hammer threads; faults/s = faults / wall seconds;"
                        + " faults_per_cpu_sec = faults / (user + system CPU seconds of the hammer threads)",
                "ratio_java_over_c (the target) is the median over rounds of java faults/s / c faults/s of the same"
                        + " round (adjacent runs, alternating which goes first); ratio_java_over_c_cpu is the same for"
                        + " faults per CPU second, which time lost to other processes on a busy host disturbs less;"
                        + " ratio_of_medians divides the median rounds",
                "each round runs fault, steady and untimed for both implementations; the warm-up runs every mode"
                        + " of the C hammer once, then of the Java hammer twice, unrecorded",
                "per access both sides do: volatile stop check, clock before (System.nanoTime /"
                        + " clock_gettime(CLOCK_MONOTONIC)), the access (Java: DeviceAccess, out of line), clock after,"
                        + " HDR histogram record, sum += interval",
                "timing_overhead_ns = steady_timed.cpu_ns_per_access - steady_untimed.cpu_ns_per_access"
                        + " (cpu_ns_per_access = CPU time of the hammer threads / accesses; the steady runs are the"
                        + " median rounds by it); timing_overhead_wall_ns uses ns_per_access = thread loop wall time /"
                        + " accesses instead",
                "not modelled on the Java side: the real hammer's revoke-state snapshots, heartbeat store, outcome"
                        + " classification and SingleWriterRecorder (two atomic increments per record)",
                "the JVM's own threads (JIT, GC) share the CPUs with the Java hammer; the C hammer runs in a"
                        + " separate, otherwise idle process");
    }

    private static String loadavg() {
        String line = readFirstLine(Path.of("/proc/loadavg"));
        String[] f = line.split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : line;
    }

    private static Host host(CHammer c, String loadStart) {
        List<String> gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        return new Host(System.getProperty("os.version"), cpuModel(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(), System.getProperty("java.vm.name"), String.join(", ", gcs),
                c.compilerVersion(), readFirstLine(Path.of("/sys/devices/system/clocksource/clocksource0/"
                        + "current_clocksource")),
                readFirstLine(Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled")), loadStart, loadavg());
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readFirstLine(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(String::strip).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
