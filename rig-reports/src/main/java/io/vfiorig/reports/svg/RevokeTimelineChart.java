package io.vfiorig.reports.svg;

import io.vfiorig.agent.result.TimelineEvent;
import java.util.List;
import java.util.Locale;

/**
 * The revoke cycles of one test over time: a band coloured by phase (revoking, revoked,
 * restoring), and per cycle a dot for revoke → first SIGBUS and one for restore → first
 * successful access, on a log latency axis.
 */
public final class RevokeTimelineChart {
    private static final int WIDTH = 1060;
    private static final int HEIGHT = 230;
    private static final double BAND = 16;

    private RevokeTimelineChart() {}

    /** True when the timeline holds any disruption (anything beyond the start state). */
    public static boolean hasCycles(List<TimelineEvent> timeline) {
        return timeline != null && timeline.stream().anyMatch(e -> !"ACTIVE".equals(e.phase()));
    }

    /** True when the results carry per-cycle first-outcome latencies (schema version 2 on). */
    public static boolean hasOutcomes(List<TimelineEvent> timeline) {
        return timeline != null && timeline.stream()
                .anyMatch(e -> e.sigbusAfterMicros() != null || e.successAfterMicros() != null);
    }

    /**
     * @param timeline   the test's revoke-state changes (ordered by time)
     * @param durationMs the test's duration, the end of the time axis
     */
    public static String render(List<TimelineEvent> timeline, long durationMs) {
        long endMicros = Math.max(durationMs * 1000, timeline.getLast().atMicros() + 1);
        Frame f = new Frame(WIDTH, HEIGHT);
        Scale x = Scale.linear(0, endMicros, f.x0(), f.x1());
        long lo = Long.MAX_VALUE;
        long hi = 1;
        for (TimelineEvent e : timeline) {
            for (Long v : new Long[] {e.sigbusAfterMicros(), e.successAfterMicros()}) {
                if (v != null) {
                    lo = Math.min(lo, Math.max(1, v * 1000));
                    hi = Math.max(hi, v * 1000);
                }
            }
        }
        double bandTop = f.y1();
        double plotTop = bandTop + BAND + 8;
        Scale y = Scale.logDecades(lo == Long.MAX_VALUE ? 1_000 : lo, Math.max(hi, 10_000), f.y0(), plotTop);
        Svg svg = new Svg(WIDTH, HEIGHT, "chart timeline", "revoke timeline with SIGBUS and recovery latencies");
        for (double d = y.lo(); d <= y.hi() * 1.0001; d *= 10) {
            double py = y.map(d);
            svg.el("line", "class", "grid", "x1", f.x0(), "x2", f.x1(), "y1", py, "y2", py);
            svg.text("text", Units.nanos(d), "class", "tick", "x", f.x0() - 6, "y", py + 4, "text-anchor", "end");
        }
        timeAxis(svg, f, x, endMicros);
        f.yCaption(svg, "latency (log)");
        phaseBand(svg, timeline, x, bandTop, endMicros);
        int dots = 0;
        svg.open("g", "class", "cycles");
        for (TimelineEvent e : timeline) {
            if (e.sigbusAfterMicros() != null) {
                dots += dot(svg, x, y, e, e.sigbusAfterMicros(), MetricStyle.REVOKE_TO_SIGBUS, "revoke at ");
            }
            if (e.successAfterMicros() != null) {
                dots += dot(svg, x, y, e, e.successAfterMicros(), MetricStyle.RESTORE_TO_SUCCESS, "restore at ");
            }
        }
        svg.close("g");
        svg.text("text", dots + " outcomes", "class", "tick", "x", f.x1() - 4, "y", plotTop + 12, "text-anchor", "end");
        svg.el("rect", "class", "plot-border", "x", f.x0(), "y", plotTop, "width", f.x1() - f.x0(),
                "height", f.y0() - plotTop);
        return svg.finish();
    }

    private static int dot(Svg svg, Scale x, Scale y, TimelineEvent e, long afterMicros, MetricStyle style,
            String what) {
        svg.withTitle("circle", style.label() + ": " + Units.nanos(afterMicros * 1000.0) + " (" + what
                        + ms(e.atMicros()) + ", " + e.cause() + ")",
                "class", "cycle", "cx", x.map(e.atMicros()), "cy", y.map(Math.max(1, afterMicros * 1000)), "r", 3.0,
                "fill", style.color());
        return 1;
    }

    private static void phaseBand(Svg svg, List<TimelineEvent> timeline, Scale x, double top, long endMicros) {
        svg.open("g", "class", "phases");
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEvent e = timeline.get(i);
            long end = i + 1 < timeline.size() ? timeline.get(i + 1).atMicros() : endMicros;
            double px0 = x.map(e.atMicros());
            double px1 = x.map(end);
            svg.withTitle("rect", e.phase() + " from " + ms(e.atMicros()) + " (" + e.cause() + ")",
                    "class", "phase phase-" + e.phase().toLowerCase(Locale.ROOT), "x", px0, "y", top,
                    "width", Math.max(0.6, px1 - px0), "height", BAND);
        }
        svg.close("g");
    }

    private static void timeAxis(Svg svg, Frame f, Scale x, long endMicros) {
        double stepMs = niceStep(endMicros / 1000.0 / 8);
        for (double t = 0; t * 1000 <= endMicros; t += stepMs) {
            double px = x.map(t * 1000);
            svg.el("line", "class", "grid minor", "x1", px, "x2", px, "y1", f.y1(), "y2", f.y0());
            svg.text("text", t == 0 ? "0" : Units.nanos(t * 1e6), "class", "tick", "x", px, "y", f.y0() + 14,
                    "text-anchor", "middle");
        }
        f.xCaption(svg, "time since test start");
    }

    private static double niceStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= rough) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    private static String ms(long micros) {
        return Units.nanos(micros * 1000.0);
    }
}
