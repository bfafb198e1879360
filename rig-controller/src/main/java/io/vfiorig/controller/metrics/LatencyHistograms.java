package io.vfiorig.controller.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Classic Prometheus histograms fed with whole HDR histograms from stored results. Micrometer
 * records one value per call; a test's histogram holds millions of samples, so this adds each
 * HDR bucket's count to the Prometheus bucket it falls in, once per result, exactly.
 *
 * <p>Series are bounded by the inventory (host, device) and the kernels under test; a hard cap
 * keeps a misbehaving fleet from growing the scrape without end (further series are dropped).
 */
final class LatencyHistograms implements MultiCollector {
    /** Upper bounds in seconds: 1 µs to 10 s. */
    static final double[] BOUNDS = {1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3,
        1e-2, 2.5e-2, 0.1, 1, 10, Double.POSITIVE_INFINITY};
    static final int MAX_SERIES = 10_000;

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new LinkedHashMap<>();

    private static final class Series {
        final long[] counts = new long[BOUNDS.length];
        double sumSeconds;
    }

    /** @param name the metric name with its unit, e.g. {@code rig_fault_latency_seconds} */
    LatencyHistograms(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    /** Adds every sample of {@code nanos} (values in nanoseconds) to the series of {@code labelValues}. */
    synchronized void add(List<String> labelValues, Histogram nanos) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues);
        }
        Series s = series.get(labelValues);
        if (s == null) {
            if (series.size() >= MAX_SERIES) {
                return;
            }
            s = new Series();
            series.put(List.copyOf(labelValues), s);
        }
        for (HistogramIterationValue v : nanos.recordedValues()) {
            double seconds = nanos.highestEquivalentValue(v.getValueIteratedTo()) / 1e9;
            long count = v.getCountAtValueIteratedTo();
            s.counts[bucket(seconds)] += count;
            s.sumSeconds += seconds * count;
        }
    }

    private static int bucket(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length - 1;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        for (Map.Entry<List<String>, Series> e : series.entrySet()) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < labelNames.size(); i++) {
                pairs.add(labelNames.get(i));
                pairs.add(e.getKey().get(i));
            }
            // Counts per bucket, not cumulative: the exposition sums them into le= buckets.
            b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(Labels.of(pairs.toArray(String[]::new)))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, e.getValue().counts.clone()))
                    .sum(e.getValue().sumSeconds)
                    .build());
        }
        return MetricSnapshots.of(b.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(name);
    }
}
