package io.vfiorig.agent.report;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.invariant.InvariantOutcome.Status;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.result.TimelineEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A hand-built run with one test of each status and one infrastructure error outside any test. */
final class SampleResults {
    static final String NASTY = "<&\">";
    static final String DEVICE = "sim:bug=stale-mapping";

    private SampleResults() {}

    static HistogramSummary faultLatency() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L); // 1..1000 µs in ns
        }
        return HistogramSummary.of("fault_latency", h);
    }

    static RunResults run() {
        return new RunResults(RunResults.SCHEMA_VERSION, "run-42", "smoke", DEVICE, "2025-03-01T10:00:00Z",
                "2025-03-01T10:00:12.5Z", "FAIL", 1, environment(),
                List.of(passed(), failed(), skipped(), errored()),
                List.of(new InfraError("probe-crash", "probe JVM died: SIGSEGV", "/tmp/run-42/hs_err_pid7.log", "")));
    }

    static Environment environment() {
        return new Environment("rig-host-1", "6.15.0-rc3", "#1 SMP PREEMPT_DYNAMIC", "amd64", 8, "25.0.3",
                "0.1.0-SNAPSHOT");
    }

    static TestResult passed() {
        return new TestResult(0, "smoke", "io.vfiorig.suites.RevokeTests.revokeWhileHammering", DEVICE, "sim",
                TestStatus.PASS, 1500, "",
                List.of(new InvariantOutcome("no-access-while-revoked", Status.PASS, 0, "0 accesses while revoked",
                        List.of()),
                        new InvariantOutcome("fault-size-as-expected", Status.SKIP, 0, "not exercised by this test",
                                List.of())),
                List.of(faultLatency()), counters(1000, 37), timeline(), Map.of("thp", "always"));
    }

    static TestResult failed() {
        return new TestResult(1, "smoke", "io.vfiorig.suites.RestoreTests.dataAfterRestore", DEVICE, "sim",
                TestStatus.FAIL, 2500, "2 invariants broken " + NASTY,
                List.of(new InvariantOutcome("no-access-while-revoked", Status.PASS, 0, "ok", List.of()),
                        new InvariantOutcome("data-correct-after-restore", Status.FAIL, 3,
                                "stale data after restore " + NASTY,
                                List.of(new Evidence(123456789L, "hammer-0", 0x1000, 0xdeadbeefL,
                                        "read 0xdeadbeef, expected 0x0 " + NASTY),
                                        new Evidence(0, "hammer-1", -1, null, "second observation"))),
                        new InvariantOutcome("access-restored-after-restore", Status.FAIL, 1,
                                "SIGBUS 2 ms after restore", List.of())),
                List.of(faultLatency()), counters(2000, 12), List.of(), Map.of());
    }

    static TestResult skipped() {
        return new TestResult(2, "smoke", "io.vfiorig.suites.FaultTests.hugeFaults", DEVICE, "sim", TestStatus.SKIP,
                0, "device has no 2 MiB BAR", List.of(), List.of(), Map.of(), List.of(), Map.of());
    }

    static TestResult errored() {
        return new TestResult(3, "smoke", "io.vfiorig.suites.ResetTests.resetWhileMapped", DEVICE, "sim",
                TestStatus.ERROR, 300, "device did not come back after reset", List.of(), List.of(), Map.of(),
                List.of(), Map.of());
    }

    private static Map<String, Long> counters(long faults, long disruptions) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("accesses", 1_000_000L);
        m.put("faults", faults);
        m.put("disruptions", disruptions);
        m.put("sigbus", 0L);
        return m;
    }

    private static List<TimelineEvent> timeline() {
        return List.of(new TimelineEvent(10, "REVOKING", "revoke"), new TimelineEvent(25, "REVOKED", "revoke"),
                new TimelineEvent(90, "ACTIVE", "restored"));
    }

    /** The same run with a different list of tests and infrastructure errors. */
    static RunResults with(List<TestResult> tests, List<InfraError> infra) {
        RunResults r = run();
        return new RunResults(r.schemaVersion(), r.runId(), r.suite(), r.device(), r.startedAt(), r.finishedAt(),
                r.status(), r.exitCode(), r.environment(), tests, infra);
    }
}
