package io.vfiorig.controller.compare;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.invariant.InvariantOutcome.Status;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Runs with known latency distributions: fault latency log-normal around 10 µs, every value
 * multiplied by {@code scale} (1.0 = the reference kernel, 1.3 = 30 % slower everywhere).
 */
public final class SyntheticRuns {
    public static final String TEST = "io.vfiorig.suites.FaultHammerTest.faultHammer";

    private SyntheticRuns() {}

    /** A sim run of one fault-hammer test whose invariants all hold. */
    public static RunResults run(String runId, long seed, double scale, int samples) {
        return run(runId, "7.3.0-test", seed, scale, samples, false);
    }

    /**
     * @param kernel    kernel release the run reports
     * @param violation whether the no-access-while-revoked invariant fails
     */
    public static RunResults run(String runId, String kernel, long seed, double scale, int samples, boolean violation) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        LogNormalDistribution d = new LogNormalDistribution(new Well19937c(seed), Math.log(10_000), 0.5,
                LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        for (int i = 0; i < samples; i++) {
            h.recordValue(Math.max(1, Math.round(d.sample() * scale)));
        }
        InvariantOutcome inv = violation
                ? new InvariantOutcome("no-access-while-revoked", Status.FAIL, 3, "3 accesses succeeded while revoked", List.of())
                : new InvariantOutcome("no-access-while-revoked", Status.PASS, 0, "0 accesses while revoked", List.of());
        TestResult t = new TestResult(0, "smoke", TEST, "sim", "sim", violation ? TestStatus.FAIL : TestStatus.PASS, 1500,
                "", List.of(inv), List.of(HistogramSummary.of("fault_latency", h)),
                Map.of("faults", 20_000L, "duration_ms", 1500L), List.of(), Map.of("sim.bug", "none"));
        return new RunResults(RunResults.SCHEMA_VERSION, runId, "smoke", "sim", "2026-11-25T10:00:00Z",
                "2026-11-25T10:00:02Z", violation ? "violations" : "passed", violation ? 1 : 0, environment(kernel),
                List.of(t), List.of());
    }

    /** A run that died of an infrastructure error before its test reported. */
    public static RunResults infraFailure(String runId, String kernel) {
        return new RunResults(RunResults.SCHEMA_VERSION, runId, "smoke", "sim", "2026-11-25T10:00:00Z",
                "2026-11-25T10:00:02Z", "infrastructure-error", 2, environment(kernel), List.of(),
                List.of(new InfraError("boot", "guest did not boot: lab glitch", "", "")));
    }

    static Environment environment(String kernel) {
        return new Environment("synthetic", kernel, "#1", "amd64", 2, "25", "0.1.0-SNAPSHOT");
    }
}
