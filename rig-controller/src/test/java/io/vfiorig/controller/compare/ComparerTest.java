package io.vfiorig.controller.compare;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.inventory.Threshold;
import io.vfiorig.controller.inventory.Thresholds;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/** The verdict rules on distributions whose true shift is known. */
public class ComparerTest {
    private static final Thresholds TEN_PERCENT = new Thresholds(new Threshold(0.10, 0.95), Map.of());

    private static MetricComparison p99(Comparison c) {
        return c.tests().getFirst().metrics().stream().filter(m -> m.metric().equals("fault_latency p99"))
                .findFirst().orElseThrow();
    }

    private static Comparison compare(RunResults a, RunResults b) {
        return new Comparer(TEN_PERCENT).compare(RunSet.of(a, null), RunSet.of(b, null));
    }

    @Test
    public void sameDistributionIsGood() {
        Comparison c = compare(SyntheticRuns.run("a", 1, 1.0, 20_000), SyntheticRuns.run("b", 2, 1.0, 20_000));
        assertEquals(c.verdict(), Verdict.GOOD, ComparisonTable.render(c));
        Shift s = p99(c).shift();
        assertTrue(s.low() < 0 && s.high() > 0, "the interval covers no shift: " + s);
    }

    @Test
    public void largeShiftIsBadWithItsSizeAndInterval() {
        Comparison c = compare(SyntheticRuns.run("a", 1, 1.0, 20_000), SyntheticRuns.run("b", 2, 1.5, 20_000));
        assertEquals(c.verdict(), Verdict.BAD);
        MetricComparison m = p99(c);
        assertEquals(m.verdict(), Verdict.BAD);
        assertEquals(m.shift().relative(), 0.5, 0.08);
        assertTrue(m.shift().low() > 0.10 && m.shift().low() < 0.5 && m.shift().high() > 0.5, m.shift().toString());
        assertTrue(ComparisonTable.render(c).contains("fault_latency p99"), ComparisonTable.render(c));
    }

    @Test
    public void marginalShiftOnFewSamplesIsWeakNotBad() {
        // 12 % slower, measured on 150 faults: the interval straddles the 10 % threshold.
        Comparison c = compare(SyntheticRuns.run("a", 1, 1.0, 150), SyntheticRuns.run("b", 2, 1.12, 150));
        MetricComparison m = p99(c);
        assertEquals(m.verdict(), Verdict.WEAK, m.toString());
        assertEquals(c.verdict(), Verdict.WEAK);
    }

    @Test
    public void repeatsNarrowTheIntervalUntilItDecides() {
        RunSet base = RunSet.of(SyntheticRuns.run("a0", 10, 1.0, 400), null);
        RunSet cand = RunSet.of(SyntheticRuns.run("b0", 20, 1.5, 400), null);
        double width1 = p99(new Comparer(TEN_PERCENT).compare(base, cand)).shift().high()
                - p99(new Comparer(TEN_PERCENT).compare(base, cand)).shift().low();
        for (int i = 1; i < 4; i++) {
            base = base.plus(SyntheticRuns.run("a" + i, 10 + i, 1.0, 400));
            cand = cand.plus(SyntheticRuns.run("b" + i, 20 + i, 1.5, 400));
        }
        MetricComparison m = p99(new Comparer(TEN_PERCENT).compare(base, cand));
        assertTrue(m.shift().high() - m.shift().low() < width1, "4 repeats give a narrower interval than 1: " + m);
        assertEquals(m.verdict(), Verdict.BAD, m.toString());
    }

    @Test
    public void invariantViolationIsAlwaysBad() {
        Comparison c = compare(SyntheticRuns.run("a", 1, 1.0, 20_000),
                SyntheticRuns.run("b", "7.3.0-test", 1, 1.0, 20_000, true));
        assertEquals(c.verdict(), Verdict.BAD);
        InvariantChange i = c.tests().getFirst().invariants().getFirst();
        assertEquals(i.candidate(), "FAIL");
        assertEquals(i.verdict(), Verdict.BAD);
    }

    @Test
    public void infrastructureErrorIsSkipNeverBad() {
        Comparison c = compare(SyntheticRuns.run("a", 1, 1.0, 20_000), SyntheticRuns.infraFailure("b", "7.3.0-test"));
        assertEquals(c.verdict(), Verdict.SKIP);
        assertTrue(c.tests().getFirst().note().contains("infrastructure error"), c.tests().getFirst().note());
    }

    @Test
    public void differentPlatformsAreRefusedAndSaySo() {
        RunSet a = RunSet.of(SyntheticRuns.run("a", 1, 1.0, 1000), "server");
        RunSet b = RunSet.of(SyntheticRuns.run("b", 2, 1.0, 1000), "laptop");
        Comparison c = new Comparer(TEN_PERCENT).compare(a, b);
        assertFalse(c.comparable());
        assertEquals(c.verdict(), Verdict.SKIP);
        assertEquals(c.notComparableBecause(), List.of("host class server vs laptop"));
        assertTrue(ComparisonTable.render(c).contains("NOT COMPARABLE"));
    }

    @Test
    public void perMetricThresholdIsUsed() {
        Thresholds loose = new Thresholds(new Threshold(0.10, 0.95), Map.of("p99", new Threshold(1.0, 0.95)));
        Comparison c = new Comparer(loose).compare(RunSet.of(SyntheticRuns.run("a", 1, 1.0, 20_000), null),
                RunSet.of(SyntheticRuns.run("b", 2, 1.5, 20_000), null));
        MetricComparison m = p99(c);
        assertEquals(m.threshold(), "p99");
        assertEquals(m.verdict(), Verdict.GOOD, "a 50 % shift is within a 100 % threshold");
        assertNotNull(ComparisonJson.toJson(c));
    }
}
