package io.vfiorig.controller.regress;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.inventory.Threshold;
import io.vfiorig.controller.inventory.Thresholds;
import io.vfiorig.controller.store.MetricPoint;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Finds regressions in the store's nightly histories: for each history and percentile, the
 * change points of the series ({@link ChangePoints}); a change upwards by more than the metric's
 * threshold opens a regression at its first run, and it stays open until a later level is back
 * within the threshold of the level before it.
 */
public final class RegressionFinder {
    /** Nights of history read per series. */
    public static final int HISTORY = 365;
    /** The fewest nights on each side of a change. */
    public static final int MIN_SEGMENT = 3;

    private record Percentile(String histogram, String label, String threshold, ToDoubleFunction<HistogramSummary> value) {}

    private static final List<Percentile> PERCENTILES = List.of(
            new Percentile("fault_latency", "p50", "p50", HistogramSummary::p50),
            new Percentile("fault_latency", "p99", "p99", HistogramSummary::p99),
            new Percentile("fault_latency", "p99.9", "p99.9", HistogramSummary::p999),
            new Percentile("revoke_to_sigbus", "p50", "revoke-to-sigbus", HistogramSummary::p50),
            new Percentile("restore_to_success", "p50", "restore-to-success", HistogramSummary::p50));

    /** The names {@link Regression#metric()} takes ({@code fault_latency p99}, ...). */
    public static final List<String> METRICS = PERCENTILES.stream().map(p -> p.histogram() + " " + p.label()).toList();

    private final Thresholds thresholds;

    public RegressionFinder(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** @return every regression in the store, open and fixed, by device model, suite and test */
    public List<Regression> find(ResultStore store) {
        List<Regression> out = new ArrayList<>();
        for (SeriesKey key : store.series()) {
            List<MetricPoint> points = store.history(key.query(HISTORY)).stream()
                    .filter(p -> p.status() != TestStatus.ERROR && p.status() != TestStatus.SKIP && p.latency().count() > 0)
                    .toList();
            for (Percentile p : PERCENTILES) {
                if (p.histogram().equals(key.metric())) {
                    out.addAll(find(key, p.histogram() + " " + p.label(), thresholds.forMetric(p.threshold()), points, p.value()));
                }
            }
        }
        return out;
    }

    /** The regressions of one series (exposed for tests on synthetic histories). */
    static List<Regression> find(SeriesKey key, String metric, Threshold t, List<MetricPoint> points,
            ToDoubleFunction<HistogramSummary> value) {
        double[] x = points.stream().mapToDouble(p -> value.applyAsDouble(p.latency())).toArray();
        List<ChangePoints.Change> changes = new ChangePoints(1 - t.confidence(), t.relativeShift(), MIN_SEGMENT).detect(x);
        List<Regression> out = new ArrayList<>();
        Regression open = null;
        for (ChangePoints.Change c : changes) {
            if (open != null && c.after() <= open.before() * (1 + t.relativeShift())) {
                MetricPoint fixed = points.get(c.index());
                out.add(withFix(open, PointRef.of(fixed, x[c.index()])));
                open = null;
            } else if (open == null && c.relativeShift() > t.relativeShift()) {
                MetricPoint lastGood = points.get(c.index() - 1);
                MetricPoint firstBad = points.get(c.index());
                open = new Regression(key.testId(), metric, key.deviceModel(), key.backend(), key.suite(), key.hostClass(),
                        PointRef.of(lastGood, x[c.index() - 1]), PointRef.of(firstBad, x[c.index()]), c.before(), c.after(),
                        c.relativeShift(), c.pValue(), true, null);
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private static Regression withFix(Regression r, PointRef fixedBy) {
        return new Regression(r.testId(), r.metric(), r.deviceModel(), r.backend(), r.suite(), r.hostClass(), r.lastGood(),
                r.firstBad(), r.before(), r.after(), r.relativeShift(), r.pValue(), false, fixedBy);
    }
}
