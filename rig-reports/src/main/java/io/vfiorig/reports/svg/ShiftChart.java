package io.vfiorig.reports.svg;

import java.util.List;
import java.util.Locale;

/**
 * A forest plot of relative shifts: per row the measured candidate/baseline ratio, its confidence
 * interval, and the threshold beyond which the shift counts, on one log-ratio axis so ×2 and ×½ are
 * equally far from ×1.
 */
public final class ShiftChart {
    private static final int WIDTH = 520;
    private static final int LEFT = 150;
    private static final int RIGHT = 14;
    private static final int TOP = 10;
    private static final int BOTTOM = 34;
    private static final int ROW = 24;
    private static final double MIN_RATIO = 1.0 / 64;
    private static final double MAX_RATIO = 4096;

    private ShiftChart() {}

    /**
     * One metric's shift.
     *
     * @param label        shown left of the row
     * @param relative     {@code candidate / baseline - 1}
     * @param low          lower end of its interval
     * @param high         upper end
     * @param allowed      the threshold's relative shift (positive)
     * @param lowerIsWorse the worsening direction is down (throughput), so the threshold sits below ×1
     * @param color        the row's colour (its verdict's)
     */
    public record Row(String label, double relative, double low, double high, double allowed, boolean lowerIsWorse,
            String color) {}

    /** @return the chart, or an empty string when there is no row */
    public static String render(List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int height = TOP + rows.size() * ROW + BOTTOM;
        double lo = 0.5;
        double hi = 2;
        for (Row r : rows) {
            lo = Math.min(lo, Math.min(ratio(r.low()), threshold(r)));
            hi = Math.max(hi, Math.max(ratio(r.high()), threshold(r)));
        }
        int a = (int) Math.floor(log2(lo));
        int b = (int) Math.ceil(log2(hi));
        Scale x = new Scale(Math.pow(2, a), Math.pow(2, b), LEFT, WIDTH - RIGHT, true);
        double y0 = TOP + rows.size() * ROW;
        Svg svg = new Svg(WIDTH, height, "chart shift", "relative shift per metric with confidence interval");
        int step = Math.max(1, (b - a + 7) / 8);
        for (int k = a; k <= b; k += step) {
            double px = x.map(Math.pow(2, k));
            svg.el("line", "class", k == 0 ? "grid one" : "grid", "x1", px, "x2", px, "y1", (double) TOP, "y2", y0);
            svg.text("text", ratioLabel(k), "class", "tick", "x", px, "y", y0 + 14, "text-anchor", "middle");
        }
        double one = x.map(1);
        svg.el("line", "class", "unity", "x1", one, "x2", one, "y1", (double) TOP, "y2", y0);
        svg.text("text", "candidate / baseline (log); shaded: beyond the threshold", "class", "caption",
                "x", (LEFT + WIDTH - RIGHT) / 2.0, "y", height - 6.0, "text-anchor", "middle");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = TOP + i * ROW + ROW / 2.0;
            double t = x.map(threshold(r));
            // The zone where a shift counts: right of the threshold, or left of it for "lower is worse".
            double z0 = r.lowerIsWorse() ? LEFT : t;
            double z1 = r.lowerIsWorse() ? t : WIDTH - RIGHT;
            svg.el("rect", "class", "beyond", "x", z0, "y", cy - ROW / 2.0 + 2, "width", Math.max(0, z1 - z0),
                    "height", ROW - 4.0);
            svg.text("text", r.label(), "class", "tick", "x", LEFT - 8.0, "y", cy + 4, "text-anchor", "end");
            svg.open("g", "class", "shift", "data-metric", r.label());
            svg.el("line", "class", "interval", "x1", x.map(ratio(r.low())), "x2", x.map(ratio(r.high())),
                    "y1", cy, "y2", cy, "stroke", r.color());
            svg.withTitle("circle", String.format(Locale.ROOT, "%s: %s, interval %s .. %s, threshold %s", r.label(),
                            percent(r.relative()), percent(r.low()), percent(r.high()),
                            percent(r.lowerIsWorse() ? -r.allowed() : r.allowed())),
                    "class", "point", "cx", x.map(ratio(r.relative())), "cy", cy, "r", 4.0, "fill", r.color());
            svg.close("g");
        }
        svg.el("rect", "class", "plot-border", "x", (double) LEFT, "y", (double) TOP, "width", (double) (WIDTH - RIGHT - LEFT),
                "height", y0 - TOP);
        return svg.finish();
    }

    /** {@code +12.5%}, or {@code ×60} once the shift is large. */
    public static String percent(double rel) {
        if (Double.isNaN(rel)) {
            return "–";
        }
        if (Double.isInfinite(rel)) {
            return rel > 0 ? "×∞" : "-∞"; // a baseline of zero
        }
        if (Math.abs(rel) >= 10) {
            return String.format(Locale.ROOT, "×%s", Units.trim(1 + rel));
        }
        return String.format(Locale.ROOT, "%+.1f%%", rel * 100);
    }

    private static double threshold(Row r) {
        return ratio(r.lowerIsWorse() ? -r.allowed() : r.allowed());
    }

    private static double ratio(double rel) {
        double v = 1 + rel;
        return Double.isNaN(v) ? 1 : Math.max(MIN_RATIO, Math.min(MAX_RATIO, v));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String ratioLabel(int k) {
        return k >= 0 ? "×" + (1L << k) : "×1/" + (1L << -k);
    }
}
