package io.vfiorig.reports.svg;

import io.vfiorig.agent.result.HistogramSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The two views of a test's latency distributions, drawn from the full HDR histograms: a
 * histogram over log-spaced bins, and a CDF whose y axis is in "nines" so the tail is readable.
 */
public final class LatencyCharts {
    private static final int WIDTH = 520;
    private static final int HEIGHT = 250;
    private static final int BINS_PER_DECADE = 10;
    private static final double MAX_NINES = 6;

    private LatencyCharts() {}

    /** One decoded distribution. */
    private record Series(HistogramSummary summary, Histogram histogram, MetricStyle style) {}

    /** Histogram of every non-empty distribution on one log latency axis; empty string if none. */
    public static String histogram(List<HistogramSummary> latencies) {
        List<Series> series = decode(latencies);
        if (series.isEmpty()) {
            return "";
        }
        Frame f = new Frame(WIDTH, HEIGHT);
        Scale x = xScale(series.stream().map(Series::histogram).toList(), f);
        List<TreeMap<Integer, Long>> bins = new ArrayList<>();
        long top = 1;
        for (Series s : series) {
            TreeMap<Integer, Long> b = logBins(s.histogram());
            bins.add(b);
            top = Math.max(top, b.values().stream().mapToLong(Long::longValue).max().orElse(1));
        }
        // Counts on a log axis too: the tail bins (a few slow faults) stay visible next to the mode.
        Scale y = new Scale(0.5, Math.pow(10, Math.max(1, Math.ceil(Math.log10(top)))), f.y0(), f.y1(), true);
        Svg svg = new Svg(WIDTH, HEIGHT, "chart histogram", "latency histogram, log axes");
        for (double c = 1; c <= y.hi(); c *= 10) {
            f.yTick(svg, y.map(c), count(c));
        }
        f.logLatencyAxis(svg, x, "latency (log)");
        f.yCaption(svg, "samples per bin (log)");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            svg.open("g", "class", "series", "data-metric", s.summary().metric(), "data-points", bins.get(i).size());
            for (var e : bins.get(i).entrySet()) {
                double lo = Math.pow(10, (double) e.getKey() / BINS_PER_DECADE);
                double hi = Math.pow(10, (double) (e.getKey() + 1) / BINS_PER_DECADE);
                double px0 = x.map(lo);
                double px1 = x.map(hi);
                double py = y.map(e.getValue());
                svg.withTitle("rect", String.format(Locale.ROOT, "%s %s – %s: %,d samples", s.style().label(),
                                Units.nanos(lo), Units.nanos(hi), e.getValue()),
                        "class", "bar", "x", px0, "y", py, "width", Math.max(0.8, px1 - px0 - 0.6),
                        "height", Math.max(0.5, f.y0() - py), "fill", s.style().color());
            }
            svg.close("g");
        }
        f.border(svg);
        return svg.finish();
    }

    /** CDF of every non-empty distribution: x latency (log), y percentile on a nines scale. */
    public static String cdf(List<HistogramSummary> latencies) {
        return cdfOf(decode(latencies).stream()
                .map(s -> new Curve(s.summary().metric(), s.style().label(), s.style().color(), false, s.histogram()))
                .toList());
    }

    /**
     * One line of a CDF overlay, e.g. a comparison's baseline and candidate of the same metric.
     *
     * @param id        written as {@code data-metric} (a stable key for tests and tools)
     * @param label     shown in the markers' tooltips
     * @param color     stroke colour
     * @param dashed    drawn dashed (the baseline, so both stay readable where they overlap)
     * @param histogram the decoded distribution (several runs may be added into one)
     */
    public record Curve(String id, String label, String color, boolean dashed, Histogram histogram) {}

    /** The CDF of several curves on one chart; curves without samples are left out; empty string if none. */
    public static String cdfOverlay(List<Curve> curves) {
        return cdfOf(curves.stream().filter(c -> c.histogram() != null && c.histogram().getTotalCount() > 0).toList());
    }

    private static String cdfOf(List<Curve> series) {
        if (series.isEmpty()) {
            return "";
        }
        Frame f = new Frame(WIDTH, HEIGHT);
        Scale x = xScale(series.stream().map(Curve::histogram).toList(), f);
        long maxCount = series.stream().mapToLong(s -> s.histogram().getTotalCount()).max().orElse(1);
        double nines = Math.min(MAX_NINES, Math.max(2, Math.ceil(Math.log10(maxCount))));
        Scale y = Scale.linear(0, nines, f.y0(), f.y1());
        Svg svg = new Svg(WIDTH, HEIGHT, "chart cdf", "latency CDF, log axis, nines scale");
        for (int n = 0; n <= nines; n++) {
            f.yTick(svg, y.map(n), ninesLabel(n));
        }
        f.logLatencyAxis(svg, x, "latency (log)");
        f.yCaption(svg, "percentile");
        for (Curve s : series) {
            StringBuilder d = new StringBuilder();
            int points = 0;
            for (HistogramIterationValue v : s.histogram().percentiles(5)) {
                double q = v.getPercentileLevelIteratedTo() / 100.0;
                double level = q >= 1 ? nines : Math.min(nines, Math.log10(1 / (1 - q)));
                d.append(points == 0 ? 'M' : 'L').append(Units.num(x.map(v.getValueIteratedTo()))).append(',')
                        .append(Units.num(y.map(level)));
                points++;
            }
            svg.el("path", "class", "cdf", "d", d.toString(), "stroke", s.color(), "stroke-dasharray",
                    s.dashed() ? "6 4" : null, "data-metric", s.id(), "data-points", points);
            marker(svg, x, y, s, "p50", 50, Math.log10(2));
            marker(svg, x, y, s, "p99", 99, 2);
            if (nines >= 3) {
                marker(svg, x, y, s, "p99.9", 99.9, 3);
            }
        }
        f.border(svg);
        return svg.finish();
    }

    private static void marker(Svg svg, Scale x, Scale y, Curve s, String name, double percentile, double level) {
        long value = s.histogram().getValueAtPercentile(percentile);
        svg.withTitle("circle", s.label() + " " + name + " = " + Units.nanos(value), "class", "marker",
                "cx", x.map(value), "cy", y.map(level), "r", 3.5, "fill", s.color());
    }

    private static String ninesLabel(int n) {
        if (n == 0) {
            return "0%";
        }
        if (n == 1) {
            return "90%";
        }
        return n == 2 ? "99%" : "99." + "9".repeat(n - 2) + "%";
    }

    private static List<Series> decode(List<HistogramSummary> latencies) {
        List<Series> out = new ArrayList<>();
        for (HistogramSummary h : latencies == null ? List.<HistogramSummary>of() : latencies) {
            if (h != null && h.count() > 0 && h.hdr() != null && !h.hdr().isEmpty()) {
                Histogram decoded = h.decode();
                if (decoded.getTotalCount() > 0) {
                    out.add(new Series(h, decoded, MetricStyle.of(h.metric())));
                }
            }
        }
        return out;
    }

    private static Scale xScale(List<Histogram> histograms, Frame f) {
        long lo = histograms.stream().mapToLong(Histogram::getMinValue).min().orElse(1);
        long hi = histograms.stream().mapToLong(Histogram::getMaxValue).max().orElse(10);
        return Scale.logDecades(lo, hi, f.x0(), f.x1());
    }

    /** Samples per log bin (bin i covers [10^(i/k), 10^((i+1)/k)) ns). */
    static TreeMap<Integer, Long> logBins(Histogram h) {
        TreeMap<Integer, Long> bins = new TreeMap<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            long value = Math.max(1, h.medianEquivalentValue(v.getValueIteratedTo()));
            int bin = (int) Math.floor(Math.log10(value) * BINS_PER_DECADE);
            bins.merge(bin, v.getCountAtValueIteratedTo(), Long::sum);
        }
        return bins;
    }

    /** 1, 10, 100, 1k, 10k, 1M. */
    private static String count(double c) {
        if (c >= 1e6) {
            return Units.trim(c / 1e6) + "M";
        }
        return c >= 1e3 ? Units.trim(c / 1e3) + "k" : Units.trim(c);
    }
}
