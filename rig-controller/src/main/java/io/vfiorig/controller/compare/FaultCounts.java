package io.vfiorig.controller.compare;

import io.vfiorig.agent.result.TestResult;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Compares fault counts. A test with a fixed amount of work ({@code expected_faults}: the fault
 * order test) should not fault more: higher is worse. A timed test's faults are its throughput:
 * faults per second, lower is worse. The interval is the Poisson rate ratio's (normal on the log
 * ratio, standard error {@code sqrt(1/A + 1/B)}).
 */
final class FaultCounts {
    static final String METRIC = "fault-count";
    /** The label of a timed test's fault rate, where fewer is worse. */
    static final String RATE = METRIC + " per s";

    private FaultCounts() {}

    /** @return the comparison, or {@code null} when neither side faulted */
    static MetricComparison compare(List<TestResult> baseline, List<TestResult> candidate, double allowed,
            double confidence, String thresholdKey) {
        boolean fixedWork = baseline.stream().anyMatch(t -> counters(t).containsKey("expected_faults"));
        double a = sum(baseline, "faults");
        double b = sum(candidate, "faults");
        if (a == 0 && b == 0) {
            return null;
        }
        String label = fixedWork ? METRIC : RATE;
        if (a == 0 || b == 0) {
            return new MetricComparison(label, thresholdKey, allowed, null, Verdict.SKIP,
                    "no faults on the " + (a == 0 ? "baseline" : "candidate"));
        }
        double ea = fixedWork ? baseline.size() : sum(baseline, "duration_ms") / 1000;
        double eb = fixedWork ? candidate.size() : sum(candidate, "duration_ms") / 1000;
        if (ea <= 0 || eb <= 0) {
            return null;
        }
        double ra = a / ea;
        double rb = b / eb;
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double logRatio = Math.log(rb / ra);
        double se = Math.sqrt(1 / a + 1 / b);
        Shift shift = new Shift(ra, rb, rb / ra - 1, Math.exp(logRatio - z * se) - 1, Math.exp(logRatio + z * se) - 1,
                confidence);
        Verdict v = Comparer.judge(shift.worsening(fixedWork), allowed);
        return new MetricComparison(label, thresholdKey, allowed, shift, v,
                fixedWork ? "faults for the same work, higher is worse" : "faults per second, lower is worse");
    }

    private static double sum(List<TestResult> tests, String counter) {
        return tests.stream().mapToLong(t -> counters(t).getOrDefault(counter, 0L)).sum();
    }

    private static Map<String, Long> counters(TestResult t) {
        return t.counters() == null ? Map.of() : t.counters();
    }
}
