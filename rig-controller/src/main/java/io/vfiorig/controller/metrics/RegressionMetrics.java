package io.vfiorig.controller.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vfiorig.controller.regress.Regression;
import io.vfiorig.controller.regress.RegressionFinder;
import io.vfiorig.controller.store.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rig_regressions_open{metric,suite}}: the open regressions {@link RegressionFinder} finds
 * in the store's nightly histories (what {@code rig regressions} lists), counted by metric
 * ({@code fault_latency_p99}, ...) and suite. Every metric of every inventory suite is a series
 * from the start, so a lab without regressions shows 0. Finding them reads the whole history, so
 * a scrape reuses the last count for {@link #REFRESH}.
 */
public final class RegressionMetrics implements MultiCollector {
    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final String NAME = "rig_regressions_open";

    private final ResultStore store;
    private final RegressionFinder finder;
    private final List<String> suites;
    private final Clock clock;
    private Map<List<String>, Integer> counts;
    private long countedAtMs;

    public RegressionMetrics(ResultStore store, RegressionFinder finder, List<String> suites, Clock clock) {
        this.store = store;
        this.finder = finder;
        this.suites = List.copyOf(suites);
        this.clock = clock;
    }

    /** Label value of a regression's metric: {@code fault_latency p99.9} becomes {@code fault_latency_p99.9}. */
    static String label(String metric) {
        return metric.replace(' ', '_');
    }

    @Override
    public synchronized MetricSnapshots collect() {
        long now = clock.millis();
        if (counts == null || now - countedAtMs >= REFRESH.toMillis()) {
            counts = count(finder.find(store));
            countedAtMs = now;
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(NAME)
                .help("Open latency regressions in the nightly histories (rig regressions lists them), by metric and suite");
        counts.forEach((k, n) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("metric", k.get(0), "suite", k.get(1))).value(n).build()));
        return MetricSnapshots.of(b.build());
    }

    private Map<List<String>, Integer> count(List<Regression> found) {
        Map<List<String>, Integer> out = new LinkedHashMap<>();
        for (String metric : RegressionFinder.METRICS) {
            for (String suite : suites) {
                out.put(List.of(label(metric), suite), 0);
            }
        }
        for (Regression r : found) {
            if (r.open()) {
                out.merge(List.of(label(r.metric()), r.suite()), 1, Integer::sum);
            }
        }
        return out;
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }
}
