package io.vfiorig.reports;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.reports.svg.LatencyCharts;
import io.vfiorig.reports.svg.ShiftChart;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.testng.annotations.Test;

/** The charts comparison reports add: a CDF overlay of two distributions and a forest plot of shifts. */
public class ComparisonChartsTest {
    private static Histogram uniform(long from, long to) {
        Histogram h = new Histogram(3);
        for (long v = from; v <= to; v += 7) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    public void overlayDrawsEachCurveWithItsStyleAndLeavesEmptyOnesOut() {
        String svg = LatencyCharts.cdfOverlay(List.of(
                new LatencyCharts.Curve("baseline x", "baseline", "#64748b", true, uniform(1_000, 20_000)),
                new LatencyCharts.Curve("candidate x", "candidate <b>", "#2563eb", false, uniform(2_000, 40_000)),
                new LatencyCharts.Curve("empty", "empty", "#000000", false, new Histogram(3))));
        assertEquals(RunReportTest.count(svg, "<path class=\"cdf\""), 2, "the empty curve is left out");
        assertTrue(svg.contains("stroke=\"#64748b\" stroke-dasharray=\"6 4\" data-metric=\"baseline x\""), "baseline dashed");
        assertTrue(svg.contains("stroke=\"#2563eb\" data-metric=\"candidate x\""), "candidate solid, no dash attribute");
        assertFalse(svg.contains("null"), "no absent attribute written as null");
        assertTrue(svg.contains("candidate &lt;b&gt; p99 = "), "marker tooltips escaped");
        assertFalse(svg.contains("<b>"));
        // The candidate's p50 (≈ 21 µs) lies right of the baseline's (≈ 10.5 µs) on the shared axis.
        assertTrue(markerX(svg, "candidate &lt;b&gt; p50") > markerX(svg, "baseline p50"));
        assertEquals(LatencyCharts.cdfOverlay(List.of()), "");
    }

    @Test
    public void forestPlotPlacesIntervalsAndShadesTheWorseningSide() {
        String svg = ShiftChart.render(List.of(
                new ShiftChart.Row("p99 <&>", 0.5, 0.3, 0.7, 0.1, false, "#b91c1c"),
                new ShiftChart.Row("faults per s", -0.2, -0.3, -0.1, 0.1, true, "#b45309"),
                new ShiftChart.Row("max", Double.POSITIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY, 0.1, false, "#b45309")));
        assertEquals(RunReportTest.count(svg, "<line class=\"interval\""), 3);
        assertTrue(svg.contains("p99 &lt;&amp;&gt;"), "labels escaped");
        assertFalse(svg.contains("Infinity") || svg.contains("NaN"), "an infinite shift is clamped to the axis");
        Matcher beyond = Pattern.compile("<rect class=\"beyond\" x=\"([0-9.]+)\"").matcher(svg);
        assertTrue(beyond.find());
        double higherIsWorseZone = Double.parseDouble(beyond.group(1));
        assertTrue(beyond.find());
        double lowerIsWorseZone = Double.parseDouble(beyond.group(1));
        assertTrue(higherIsWorseZone > lowerIsWorseZone, "a throughput's threshold zone starts at the left edge");
        assertEquals(ShiftChart.percent(0.123), "+12.3%");
        assertEquals(ShiftChart.percent(59), "×60");
        assertEquals(ShiftChart.render(List.of()), "");
    }

    private static double markerX(String svg, String title) {
        Matcher m = Pattern.compile("<circle class=\"marker\" cx=\"([0-9.]+)\"[^>]*><title>" + Pattern.quote(title)).matcher(svg);
        assertTrue(m.find(), title);
        return Double.parseDouble(m.group(1));
    }
}
