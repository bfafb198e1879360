package io.vfiorig.reports.svg;

/** Plot area, axes, grid and labels shared by every chart. */
final class Frame {
    static final int LEFT = 62;
    static final int RIGHT = 14;
    static final int TOP = 14;
    static final int BOTTOM = 38;

    final int width;
    final int height;

    Frame(int width, int height) {
        this.width = width;
        this.height = height;
    }

    double x0() {
        return LEFT;
    }

    double x1() {
        return width - RIGHT;
    }

    double y0() {
        return height - BOTTOM;
    }

    double y1() {
        return TOP;
    }

    /** Decade grid lines (and faint 2..9 lines) with latency labels along the x axis. */
    void logLatencyAxis(Svg svg, Scale x, String caption) {
        for (double d = x.lo(); d <= x.hi() * 1.0001; d *= 10) {
            for (int m = 2; m < 10 && d * m < x.hi(); m++) {
                double px = x.map(d * m);
                svg.el("line", "class", "grid minor", "x1", px, "x2", px, "y1", y1(), "y2", y0());
            }
            double px = x.map(d);
            svg.el("line", "class", "grid", "x1", px, "x2", px, "y1", y1(), "y2", y0());
            // The last decade sits on the right edge: anchor its label there so it is not cut off.
            svg.text("text", Units.nanos(d), "class", "tick", "x", px, "y", y0() + 14, "text-anchor",
                    px > x1() - 20 ? "end" : "middle");
        }
        xCaption(svg, caption);
    }

    void xCaption(Svg svg, String caption) {
        svg.text("text", caption, "class", "caption", "x", (x0() + x1()) / 2, "y", height - 6.0, "text-anchor", "middle");
    }

    /** A horizontal grid line with its label at the left. */
    void yTick(Svg svg, double py, String label) {
        svg.el("line", "class", "grid", "x1", x0(), "x2", x1(), "y1", py, "y2", py);
        svg.text("text", label, "class", "tick", "x", x0() - 6, "y", py + 4, "text-anchor", "end");
    }

    void yCaption(Svg svg, String caption) {
        double cy = (y0() + y1()) / 2;
        svg.text("text", caption, "class", "caption", "x", 12.0, "y", cy, "text-anchor", "middle",
                "transform", "rotate(-90 12 " + Units.num(cy) + ")");
    }

    void border(Svg svg) {
        svg.el("rect", "class", "plot-border", "x", x0(), "y", y1(), "width", x1() - x0(), "height", y0() - y1());
    }
}
