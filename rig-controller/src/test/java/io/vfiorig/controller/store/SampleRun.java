package io.vfiorig.controller.store;

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
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/** Results as the rig produces them, built from real HdrHistogram data. */
public final class SampleRun {
    public static final String AGENT = "lab-host-1";
    public static final String DEVICE = "sim:bug=stale-mapping";
    static final String FAULT_TEST = "io.vfiorig.suites.RevokeTests.revokeWhileHammering";

    private SampleRun() {}

    /** A lognormal-ish latency histogram in ns: a body around {@code medianNs} and a long tail. */
    static Histogram latencies(long seed, long medianNs, int samples) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            double v = medianNs * Math.exp(0.6 * gaussian(rnd));
            if (rnd.nextInt(1000) == 0) {
                v *= 50; // the tail a revoke storm produces
            }
            h.recordValue(Math.max(1, (long) v));
        }
        return h;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian.
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    static Environment environment() {
        return new Environment("rig-host-1", "6.15.0-rc3", "#1 SMP PREEMPT_DYNAMIC Sat Mar 1 10:00:00 UTC 2025",
                "amd64", 8, "25.0.3", "0.1.0-SNAPSHOT");
    }

    /** Four tests (PASS with full data, FAIL with evidence, SKIP, ERROR) and a probe crash. */
    public static RunResults run(String runId, String startedAt) {
        return new RunResults(RunResults.SCHEMA_VERSION, runId, "smoke", DEVICE, startedAt, "2025-03-01T10:00:12.5Z",
                "violations", 1, environment(), List.of(passed(0), failed(1), skipped(2), errored(3)),
                List.of(new InfraError("probe-crash", "probe JVM died: SIGSEGV in libc", "/tmp/run/hs_err_pid7.log",
                        "io.vfiorig.suites.ResetTests.resetWhileMapped"),
                        new InfraError("probe-exit", "probe exited with 134", "", "")));
    }

    public static RunHeader header(RunResults r) {
        return RunHeader.of(r, "sim", "sim");
    }

    static TestResult passed(long seq) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sim.bug", "stale-mapping");
        facts.put("shmem_enabled", "always");
        facts.put("pattern", "sequential");
        return new TestResult(seq, "smoke", FAULT_TEST, DEVICE, "sim", TestStatus.PASS, 1500, "",
                List.of(new InvariantOutcome("no-access-while-revoked", Status.PASS, 0, "0 accesses while revoked",
                                List.of()),
                        new InvariantOutcome("fault-size-as-expected", Status.SKIP, 0, "not exercised by this test",
                                List.of())),
                List.of(HistogramSummary.of("fault_latency", latencies(seq, 2_000, 20_000)),
                        HistogramSummary.of("revoke_to_sigbus", latencies(seq + 100, 40_000, 500)),
                        HistogramSummary.of("restore_to_success", new Histogram(3))), // empty: count 0
                counters(seq), List.of(new TimelineEvent(10, "REVOKING", "revoke"),
                        new TimelineEvent(25, "REVOKED", "revoke"), new TimelineEvent(90, "ACTIVE", "restored")),
                facts);
    }

    static TestResult failed(long seq) {
        return new TestResult(seq, "smoke", "io.vfiorig.suites.RestoreTests.dataAfterRestore", DEVICE, "sim",
                TestStatus.FAIL, 2500, "broke data-correct-after-restore, \"quoted\" <&>",
                List.of(new InvariantOutcome("no-access-while-revoked", Status.PASS, 0, "ok", List.of()),
                        new InvariantOutcome("data-correct-after-restore", Status.FAIL, 7, "stale data after restore",
                                List.of(new Evidence(123_456_789L, "hammer-0", 0x1000, 0xdeadbeefL,
                                                "read 0xdeadbeef, expected 0x0"),
                                        new Evidence(0, "hammer-1", -1, null, "second observation, no value")))),
                List.of(HistogramSummary.of("fault_latency", latencies(seq, 3_000, 5_000))), counters(seq),
                List.of(), Map.of("disruptor", "revoke-restore"));
    }

    static TestResult skipped(long seq) {
        return new TestResult(seq, "smoke", "io.vfiorig.suites.FaultTests.hugeFaults", DEVICE, "sim", TestStatus.SKIP,
                0, "device has no 2 MiB BAR", List.of(), List.of(), Map.of(), List.of(), Map.of());
    }

    static TestResult errored(long seq) {
        return new TestResult(seq, "smoke", "io.vfiorig.suites.ResetTests.resetWhileMapped", DEVICE, "sim",
                TestStatus.ERROR, 300, "device did not come back after reset", List.of(), List.of(), Map.of(),
                List.of(), Map.of());
    }

    private static Map<String, Long> counters(long seq) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("threads", 4L);
        m.put("accesses", 1_000_000L + seq);
        m.put("faults", 512L);
        m.put("sigbus", 37L);
        m.put("accesses_while_revoked", 0L);
        m.put("disruptions", 12L);
        return m;
    }
}
