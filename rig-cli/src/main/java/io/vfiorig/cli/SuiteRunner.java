package io.vfiorig.cli;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.probe.ProbeSupervisor;
import io.vfiorig.agent.probe.Progress;
import io.vfiorig.agent.report.JunitXml;
import io.vfiorig.agent.report.Ktap;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.vm.guest.GuestKernels;
import io.vfiorig.agent.vm.guest.GuestPlan;
import io.vfiorig.agent.vm.guest.GuestProbe;
import io.vfiorig.reports.run.RunReport;
import io.vfiorig.suites.SuiteCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Validates a run request, runs the suite in a supervised probe JVM, writes results.json,
 * junit.xml, results.ktap and report.html, and decides the exit code. Shared by {@code rig run} and {@code rig demo}.
 */
final class SuiteRunner {
    /** Files a run writes into its output directory. */
    static final String RESULTS = "results.json";
    static final String JUNIT = "junit.xml";
    static final String KTAP = "results.ktap";
    static final String HTML = RunReport.FILE;

    private SuiteRunner() {}

    /** Throws IllegalArgumentException with a fix when the request cannot run; touches nothing. */
    static void validate(String suite, List<String> devices) {
        if (!SuiteCatalog.names().contains(suite)) {
            throw new IllegalArgumentException("unknown suite '" + suite + "'; known: "
                    + String.join(", ", SuiteCatalog.names()));
        }
        for (String d : devices) {
            DeviceBackends.validate(DeviceSpec.parse(d));
        }
        GuestPlan.isGuestRun(devices); // refuses host and vm devices in one run
    }

    static RunResults run(String suite, List<String> devices, Path out, Duration timeout, Map<String, String> props,
            PrintWriter progressOut) throws IOException {
        return run(suite, devices, null, out, timeout, props, progressOut);
    }

    /** @param kernel for vm: devices, {@code PATH} or {@code debian:SERIES}; ignored otherwise */
    static RunResults run(String suite, List<String> devices, String kernel, Path out, Duration timeout,
            Map<String, String> props, PrintWriter progressOut) throws IOException {
        return run(newRunId(), Instant.now(), suite, devices, kernel, out, timeout, props, progressOut, new ProbeListener() { });
    }

    /** A fresh run id: UTC start time and a random suffix. */
    static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    }

    /**
     * @param runId   the run's id (the controller's, for a run order)
     * @param started when the run started, as reported
     * @param tap     told of each result as the probe reports it (the agent spools and streams them)
     */
    static RunResults run(String runId, Instant started, String suite, List<String> devices, String kernel, Path out,
            Duration timeout, Map<String, String> props, PrintWriter progressOut, ProbeListener tap) throws IOException {
        ProgressPrinter printer = new ProgressPrinter(progressOut, suite);
        ProbeListener progress = new ProbeListener() {
            @Override public void testStarted(String test) { printer.testStarted(test); tap.testStarted(test); }
            @Override public void progress(Progress p) { printer.progress(p); tap.progress(p); }
            @Override public void result(TestResult r) { printer.result(r); tap.result(r); }
        };
        ProbeRequest request = new ProbeRequest(suite, devices, out, timeout, props);
        ProbeOutcome outcome = GuestPlan.isGuestRun(devices)
                ? GuestProbe.forCurrentClassPath(GuestKernels.resolve(kernel)).run(request, progress)
                : ProbeSupervisor.forCurrentClassPath().run(request, progress);
        printer.finish();
        List<TestResult> tests = outcome.results();
        boolean violations = tests.stream().anyMatch(t -> t.status() == TestStatus.FAIL);
        boolean infra = !outcome.infraErrors().isEmpty() || tests.stream().anyMatch(t -> t.status() == TestStatus.ERROR);
        int exit = violations ? Rig.VIOLATIONS : infra ? Rig.USAGE_OR_INFRA : Rig.OK;
        String status = violations ? "violations" : infra ? "infrastructure-error" : "passed";
        Environment env = outcome.environment() != null ? outcome.environment() : Environment.current();
        RunResults results = new RunResults(RunResults.SCHEMA_VERSION, runId, suite, String.join(";", devices),
                started.toString(), Instant.now().toString(), status, exit, env, tests, outcome.infraErrors());
        ResultsJson.write(results, out.resolve(RESULTS));
        JunitXml.write(results, out.resolve(JUNIT));
        Ktap.write(results, out.resolve(KTAP));
        RunReport.write(results, out.resolve(HTML));
        return results;
    }
}
