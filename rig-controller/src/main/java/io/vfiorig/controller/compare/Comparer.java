package io.vfiorig.controller.compare;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.inventory.Threshold;
import io.vfiorig.controller.inventory.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a candidate run set with a baseline run set of the same platform, test by test and
 * metric by metric (see {@code docs/regressions.md} for the statistics and the verdict rules).
 */
public final class Comparer {
    private final Thresholds thresholds;

    public Comparer(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * @return the comparison; when the platforms differ it compares nothing, says why, and its
     *         verdict is {@link Verdict#SKIP}
     */
    public Comparison compare(RunSet baseline, RunSet candidate) {
        List<String> mismatches = baseline.platform().mismatches(candidate.platform());
        List<String> aIds = baseline.runs().stream().map(RunResults::runId).toList();
        List<String> bIds = candidate.runs().stream().map(RunResults::runId).toList();
        if (!mismatches.isEmpty()) {
            return new Comparison(baseline.label(), candidate.label(), baseline.platform(), aIds, bIds,
                    baseline.kernelRelease(), candidate.kernelRelease(), false, mismatches, Verdict.SKIP, List.of());
        }
        Set<String> testIds = new LinkedHashSet<>();
        baseline.runs().forEach(r -> r.tests().forEach(t -> testIds.add(t.test())));
        candidate.runs().forEach(r -> r.tests().forEach(t -> testIds.add(t.test())));
        List<TestComparison> tests = new ArrayList<>();
        Verdict overall = Verdict.SKIP;
        for (String id : testIds) {
            TestComparison tc = compareTest(id, baseline.runs(), candidate.runs());
            tests.add(tc);
            overall = overall.and(tc.verdict());
        }
        return new Comparison(baseline.label(), candidate.label(), baseline.platform(), aIds, bIds,
                baseline.kernelRelease(), candidate.kernelRelease(), true, List.of(), overall, tests);
    }

    private TestComparison compareTest(String id, List<RunResults> aRuns, List<RunResults> bRuns) {
        List<TestResult> a = results(aRuns, id);
        List<TestResult> b = results(bRuns, id);
        List<InvariantChange> invariants = invariants(a, b);
        boolean violated = invariants.stream().anyMatch(i -> i.verdict() == Verdict.BAD);
        if (violated) {
            return new TestComparison(id, Verdict.BAD, "invariant violated on the candidate", metrics(a, b), invariants);
        }
        String skip = skipReason(id, aRuns, a, "baseline");
        if (skip == null) {
            skip = skipReason(id, bRuns, b, "candidate");
        }
        if (skip != null) {
            return new TestComparison(id, Verdict.SKIP, skip, List.of(), invariants);
        }
        List<MetricComparison> metrics = metrics(a, b);
        Verdict v = metrics.stream().map(MetricComparison::verdict).reduce(Verdict.SKIP, Verdict::and);
        if (v == Verdict.SKIP && !metrics.isEmpty()) {
            return new TestComparison(id, Verdict.SKIP, "no metric could be compared", metrics, invariants);
        }
        // A test without metrics (read/write checks) is judged by its invariants alone.
        return new TestComparison(id, metrics.isEmpty() ? Verdict.GOOD : v, "", metrics, invariants);
    }

    /** @return why the test cannot be judged on this side (missing, errored, infra), or null */
    private static String skipReason(String id, List<RunResults> runs, List<TestResult> found, String side) {
        for (RunResults r : runs) {
            for (InfraError e : r.infrastructureErrors()) {
                if (id.equals(e.duringTest()) || e.duringTest() == null || e.duringTest().isEmpty()) {
                    return "infrastructure error on the " + side + " (" + r.runId() + "): " + e.kind() + ": " + e.message();
                }
            }
        }
        if (found.size() < runs.size()) {
            return "missing on the " + side;
        }
        for (TestResult t : found) {
            if (t.status() == TestStatus.ERROR || t.status() == TestStatus.SKIP) {
                return t.status().name().toLowerCase(java.util.Locale.ROOT) + " on the " + side + ": " + t.message();
            }
        }
        return null;
    }

    private List<MetricComparison> metrics(List<TestResult> a, List<TestResult> b) {
        List<MetricComparison> out = new ArrayList<>();
        if (a.isEmpty() || b.isEmpty()) {
            return out;
        }
        for (LatencyMetric m : LatencyMetric.ALL) {
            MetricComparison c = latency(m, a, b);
            if (c != null) {
                out.add(c);
            }
        }
        Threshold ft = thresholds.forMetric(FaultCounts.METRIC);
        MetricComparison faults = FaultCounts.compare(a, b, ft.relativeShift(), ft.confidence(), key(FaultCounts.METRIC));
        if (faults != null) {
            out.add(faults);
        }
        return out;
    }

    private MetricComparison latency(LatencyMetric m, List<TestResult> a, List<TestResult> b) {
        List<EmpiricalQuantiles> da = distributions(a, m.histogram());
        List<EmpiricalQuantiles> db = distributions(b, m.histogram());
        boolean aEmpty = da.stream().allMatch(d -> d.count() == 0);
        boolean bEmpty = db.stream().allMatch(d -> d.count() == 0);
        Threshold t = thresholds.forMetric(m.threshold());
        if (aEmpty && bEmpty) {
            return null;
        }
        if (da.stream().anyMatch(d -> d.count() == 0) || db.stream().anyMatch(d -> d.count() == 0)) {
            return new MetricComparison(m.label(), key(m.threshold()), t.relativeShift(), null, Verdict.SKIP,
                    "no samples in a run of the " + (aEmpty || da.stream().anyMatch(d -> d.count() == 0) ? "baseline" : "candidate"));
        }
        Shift s = QuantileBootstrap.shift(da, db, m.percentile(), t.confidence());
        if (m.isMax()) {
            // The maximum is one sample and its bootstrap is degenerate: it can raise doubt, never decide.
            Verdict v = s.relative() > t.relativeShift() ? Verdict.WEAK : Verdict.GOOD;
            return new MetricComparison(m.label(), key(m.threshold()), t.relativeShift(), s, v,
                    "one sample per run: informative, never bad by itself");
        }
        return new MetricComparison(m.label(), key(m.threshold()), t.relativeShift(), s, judge(s, t.relativeShift()), "");
    }

    /**
     * The verdict rule: bad when the whole interval of the worsening lies above the allowed shift
     * (the shift matters and is established at the threshold's confidence); weak when the
     * measured shift is above the allowed one but its interval reaches below it (more repeats may
     * decide); good when the measured shift is within the allowed one.
     */
    static Verdict judge(Shift worsening, double allowed) {
        if (worsening.low() > allowed) {
            return Verdict.BAD;
        }
        return worsening.relative() > allowed ? Verdict.WEAK : Verdict.GOOD;
    }

    private String key(String metric) {
        return thresholds.perMetric().containsKey(metric) ? metric : "default";
    }

    private static List<EmpiricalQuantiles> distributions(List<TestResult> tests, String metric) {
        List<EmpiricalQuantiles> out = new ArrayList<>();
        for (TestResult t : tests) {
            HistogramSummary h = t.latencies() == null ? null
                    : t.latencies().stream().filter(l -> l.metric().equals(metric)).findFirst().orElse(null);
            if (h != null) {
                out.add(EmpiricalQuantiles.of(h.decode()));
            }
        }
        return out;
    }

    private static List<TestResult> results(List<RunResults> runs, String id) {
        return runs.stream().flatMap(r -> r.tests().stream()).filter(t -> t.test().equals(id)).toList();
    }

    private static List<InvariantChange> invariants(List<TestResult> a, List<TestResult> b) {
        Map<String, String> base = worst(a);
        Map<String, String> cand = worst(b);
        Map<String, Long> violations = new LinkedHashMap<>();
        b.forEach(t -> invariantsOf(t).forEach(o -> violations.merge(o.invariant(), o.violations(), Long::sum)));
        Set<String> ids = new LinkedHashSet<>(base.keySet());
        ids.addAll(cand.keySet());
        List<InvariantChange> out = new ArrayList<>();
        for (String id : ids) {
            String c = cand.getOrDefault(id, "-");
            Verdict v = c.equals("FAIL") ? Verdict.BAD : c.equals("PASS") ? Verdict.GOOD : Verdict.SKIP;
            out.add(new InvariantChange(id, base.getOrDefault(id, "-"), c, violations.getOrDefault(id, 0L), v));
        }
        return out;
    }

    /** FAIL over PASS over SKIP: one failing repeat makes the invariant fail. */
    private static Map<String, String> worst(List<TestResult> tests) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TestResult t : tests) {
            for (InvariantOutcome o : invariantsOf(t)) {
                out.merge(o.invariant(), o.status().name(), (x, y) -> rank(x) >= rank(y) ? x : y);
            }
        }
        return out;
    }

    private static int rank(String status) {
        return switch (status) {
            case "FAIL" -> 2;
            case "PASS" -> 1;
            default -> 0;
        };
    }

    private static List<InvariantOutcome> invariantsOf(TestResult t) {
        return t.invariants() == null ? List.of() : t.invariants();
    }
}
