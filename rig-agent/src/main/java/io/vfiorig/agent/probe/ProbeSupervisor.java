package io.vfiorig.agent.probe;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a suite in a child JVM (the probe) and collects its results as they happen.
 *
 * <p>The process that touches the device is not the process that keeps the results: a SIGBUS on
 * an instruction HotSpot cannot recover from aborts the whole JVM (see {@link DeviceAccess}), so
 * a probe crash must cost only the test that was running. Everything reported before the crash is
 * kept, and the crash becomes an {@link InfraError} naming the hs_err file and its headline.
 */
public final class ProbeSupervisor {
    /** The probe's entry point (in test-suites; named, not linked, so the agent does not depend on it). */
    public static final String PROBE_MAIN = "io.vfiorig.suites.probe.ProbeMain";
    private static final long POLL_MS = 100;

    private final String classPath;

    public ProbeSupervisor(String classPath) {
        this.classPath = classPath;
    }

    /** The class path of this JVM, which holds the suites when run from the rig launcher or tests. */
    public static ProbeSupervisor forCurrentClassPath() {
        return new ProbeSupervisor(System.getProperty("rig.probe.classpath", System.getProperty("java.class.path")));
    }

    public ProbeOutcome run(ProbeRequest req, ProbeListener listener) throws IOException {
        Files.createDirectories(req.outDir());
        Path events = req.outDir().resolve("events.jsonl");
        Files.deleteIfExists(events);
        Path log = req.outDir().resolve("probe.log");
        List<String> cmd = command(req, events);
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            return new ProbeOutcome(null, List.of(), List.of(new InfraError("probe-launch",
                    "cannot start the probe JVM (" + cmd.getFirst() + "): " + e.getMessage(), "", "")), -1);
        }
        EventTail tail = new EventTail(events);
        List<TestResult> results = new ArrayList<>();
        Environment[] env = new Environment[1];
        String[] running = {""};
        boolean[] ended = {false};
        long deadline = System.nanoTime() + req.timeout().toNanos();
        boolean timedOut = false;
        try {
            while (true) {
                boolean exited = process.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
                drain(tail, listener, results, env, running, ended);
                if (exited) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    drain(tail, listener, results, env, running, ended);
                    break;
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        List<InfraError> errors = new ArrayList<>();
        if (timedOut) {
            errors.add(new InfraError("probe-timeout", "the probe JVM did not finish within " + req.timeout().toSeconds()
                    + " s and was killed" + (running[0].isEmpty() ? "" : " during " + running[0]) + "; see "
                    + log, log.toString(), running[0]));
        } else if (!ended[0] || exit != 0) {
            errors.add(crashError(req.outDir(), log, exit, running[0], process.pid()));
        }
        if (tail.malformedLines() > 0) {
            errors.add(new InfraError("probe-torn-event", tail.malformedLines()
                    + " event line(s) could not be decoded (a torn write at a crash)", events.toString(), ""));
        }
        return new ProbeOutcome(env[0], results, errors, exit);
    }

    private void drain(EventTail tail, ProbeListener listener, List<TestResult> results, Environment[] env,
            String[] running, boolean[] ended) throws IOException {
        for (ProbeEvent e : tail.poll()) {
            switch (e.type()) {
                case "env" -> env[0] = e.env();
                case "test-start" -> {
                    running[0] = e.test();
                    listener.testStarted(e.test());
                }
                case "progress" -> listener.progress(e.progress());
                case "result" -> {
                    TestResult r = e.result().withSequence(results.size());
                    results.add(r);
                    running[0] = "";
                    listener.result(r);
                }
                case "suite-end" -> ended[0] = true;
                default -> { } // newer probe, older supervisor: ignore unknown event types
            }
        }
    }

    private List<String> command(ProbeRequest req, Path events) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add(DeviceAccess.COMPILE_COMMAND);
        cmd.add("-XX:CompileCommand=quiet");
        cmd.add("-XX:ErrorFile=" + req.outDir().toAbsolutePath().resolve("hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-Xmx512m");
        for (Map.Entry<String, String> p : req.properties().entrySet()) {
            cmd.add("-D" + p.getKey() + "=" + p.getValue());
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(PROBE_MAIN);
        cmd.add("--suite");
        cmd.add(req.suite());
        cmd.add("--devices");
        cmd.add(String.join(";", req.devices()));
        cmd.add("--events");
        cmd.add(events.toAbsolutePath().toString());
        return cmd;
    }

    /** Names the crash from the hs_err file's headline, e.g. "Internal Error (assembler_x86.cpp:1175)". */
    private static InfraError crashError(Path outDir, Path log, int exit, String running, long pid) {
        Path expected = outDir.resolve("hs_err_pid" + pid + ".log");
        Optional<Path> hsErr = Files.exists(expected) ? Optional.of(expected) : HsErrFile.find(outDir);
        String during = running.isEmpty() ? "" : " during " + running;
        if (hsErr.isPresent()) {
            String headline = HsErrFile.headline(hsErr.get());
            return new InfraError("probe-crash", "the probe JVM crashed" + during + ": " + headline + " (exit code "
                    + exit + "); results reported before the crash are kept", hsErr.get().toString(), running);
        }
        return new InfraError("probe-exit", "the probe JVM ended" + during + " without finishing the suite (exit code "
                + exit + "); see " + log, log.toString(), running);
    }
}
