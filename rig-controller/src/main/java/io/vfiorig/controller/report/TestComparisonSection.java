package io.vfiorig.controller.report;

import io.vfiorig.controller.compare.InvariantChange;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.compare.Shift;
import io.vfiorig.controller.compare.TestComparison;
import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;
import io.vfiorig.reports.svg.LatencyCharts;
import io.vfiorig.reports.svg.MetricStyle;
import io.vfiorig.reports.svg.ShiftChart;
import io.vfiorig.reports.svg.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One test, baseline against candidate: every metric with its shift, interval, threshold and verdict,
 * a forest plot of the shifts, the two runs' latency CDFs overlaid, and the invariant outcomes.
 */
final class TestComparisonSection implements Section {
    /** The distributions drawn as overlaid CDFs, when either side has them. */
    static final List<String> PLOTTED = List.of("fault_latency", "revoke_to_sigbus", "restore_to_success");
    static final String BASELINE_COLOR = "#64748b";

    private final TestComparison t;
    private final String id;
    private final ComparedRuns runs;

    TestComparisonSection(TestComparison t, String id, ComparedRuns runs) {
        this.t = t;
        this.id = id;
        this.runs = runs;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return shortName(t.test());
    }

    @Override
    public void render(Html h) {
        h.open("h2").text(shortName(t.test())).raw(" ");
        VerdictStyle.of(t.verdict()).badge(h);
        h.close("h2");
        h.el("p", t.test(), "class", "subtitle mono");
        if (t.note() != null && !t.note().isBlank()) {
            h.el("pre", t.note(), "class", "message " + (t.verdict() == Verdict.BAD ? "fail" : t.verdict() == Verdict.SKIP ? "error" : ""));
        }
        metrics(h);
        plots(h);
        invariants(h);
    }

    private void metrics(Html h) {
        h.el("h3", "Metrics");
        if (t.metrics().isEmpty()) {
            h.el("p", "No metric was compared" + (t.verdict() == Verdict.SKIP ? " (skipped)." : ": this test is judged by its invariants."),
                    "class", "note");
            return;
        }
        h.raw("<table class=\"metrics\"><thead><tr><th>metric</th><th class=\"num\">baseline</th><th class=\"num\">candidate</th>"
                + "<th class=\"num\">shift</th><th class=\"num\">confidence interval</th><th>threshold</th><th>verdict</th>"
                + "<th>note</th></tr></thead><tbody>");
        for (MetricComparison m : t.metrics()) {
            VerdictStyle s = VerdictStyle.of(m.verdict());
            Shift sh = m.shift();
            h.open("tr", "class", "verdict-" + s.css(), "data-metric", m.metric());
            h.el("td", m.metric(), "class", "mono");
            h.el("td", sh == null ? "–" : value(m, sh.baseline()), "class", "num");
            h.el("td", sh == null ? "–" : value(m, sh.candidate()), "class", "num");
            h.el("td", sh == null ? "–" : ShiftChart.percent(sh.relative()), "class", sh == null ? "num"
                    : "num " + (worse(m, sh) ? "shift-up" : "shift-down"));
            h.el("td", sh == null ? "–" : String.format(Locale.ROOT, "[%s, %s] @%.0f%%", ShiftChart.percent(sh.low()),
                    ShiftChart.percent(sh.high()), sh.confidence() * 100), "class", "num");
            h.el("td", m.threshold() + " " + ShiftChart.percent(m.lowerIsWorse() ? -m.relativeShiftAllowed()
                    : m.relativeShiftAllowed()), "class", "mono");
            h.open("td");
            s.badge(h);
            h.close("td");
            h.el("td", m.note() == null || m.note().isBlank() ? "" : m.note(), "class", "dim");
            h.close("tr");
        }
        h.raw("</tbody></table>");
    }

    private static boolean worse(MetricComparison m, Shift s) {
        return m.lowerIsWorse() ? s.relative() < 0 : s.relative() > 0;
    }

    private static String value(MetricComparison m, double v) {
        if (m.metric().startsWith("fault-count")) {
            return String.format(Locale.ROOT, m.lowerIsWorse() ? "%,.0f /s" : "%,.0f", v);
        }
        return Units.nanos(v);
    }

    private void plots(Html h) {
        List<ShiftChart.Row> rows = new ArrayList<>();
        for (MetricComparison m : t.metrics()) {
            Shift s = m.shift();
            if (s != null) {
                rows.add(new ShiftChart.Row(m.metric(), s.relative(), s.low(), s.high(), m.relativeShiftAllowed(),
                        m.lowerIsWorse(), VerdictStyle.of(m.verdict()).color()));
            }
        }
        List<String> figures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        String shifts = ShiftChart.render(rows);
        if (!shifts.isEmpty()) {
            figures.add(shifts);
            captions.add("Shift of each metric (dot) with its confidence interval (bar); the shaded side of each row is "
                    + "beyond its threshold. Colour: the metric's verdict.");
        }
        for (String metric : PLOTTED) {
            Optional<Histogram> a = runs.baseline(t.test(), metric);
            Optional<Histogram> b = runs.candidate(t.test(), metric);
            if (a.isEmpty() && b.isEmpty()) {
                continue;
            }
            MetricStyle style = MetricStyle.of(metric);
            List<LatencyCharts.Curve> curves = new ArrayList<>();
            a.ifPresent(x -> curves.add(new LatencyCharts.Curve("baseline " + metric, "baseline " + style.label(),
                    BASELINE_COLOR, true, x)));
            b.ifPresent(x -> curves.add(new LatencyCharts.Curve("candidate " + metric, "candidate " + style.label(),
                    style.color(), false, x)));
            figures.add(LatencyCharts.cdfOverlay(curves));
            captions.add(style.label() + " latency CDF: baseline dashed grey" + count(a) + ", candidate solid" + count(b)
                    + ". Dots: p50, p99, p99.9.");
        }
        if (figures.isEmpty()) {
            return;
        }
        h.el("h3", "Plots");
        h.open("div", "class", "plots");
        for (int i = 0; i < figures.size(); i++) {
            h.open("figure").raw(figures.get(i)).el("figcaption", captions.get(i)).close("figure");
        }
        h.close("div");
    }

    private static String count(Optional<Histogram> h) {
        return h.map(x -> String.format(Locale.ROOT, " (%,d samples)", x.getTotalCount())).orElse(" (no samples)");
    }

    private void invariants(Html h) {
        if (t.invariants().isEmpty()) {
            return;
        }
        h.el("h3", "Invariants");
        h.raw("<table class=\"invariants-compared\"><thead><tr><th>invariant</th><th>baseline</th><th>candidate</th>"
                + "<th class=\"num\">violations on the candidate</th><th>verdict</th></tr></thead><tbody>");
        for (InvariantChange i : t.invariants()) {
            boolean changed = !i.baseline().equals(i.candidate());
            VerdictStyle s = VerdictStyle.of(i.verdict());
            h.open("tr", "class", "verdict-" + s.css() + (changed ? " changed" : ""));
            h.el("td", i.invariant(), "class", "mono");
            h.el("td", i.baseline(), "class", "mono");
            h.el("td", i.candidate() + (changed ? "  (was " + i.baseline() + ")" : ""), "class", "mono" + (i.verdict() == Verdict.BAD ? " bad-text" : ""));
            h.el("td", String.format(Locale.ROOT, "%,d", i.violations()), "class", "num");
            h.open("td");
            s.badge(h);
            h.close("td");
            h.close("tr");
        }
        h.raw("</tbody></table>");
        h.el("p", "An invariant violated on the candidate is always bad, whatever the latencies say.", "class", "note");
    }

    /** {@code Class.method} of a fully qualified test id. */
    static String shortName(String testId) {
        int dot = testId.lastIndexOf('.', testId.lastIndexOf('.') - 1);
        return dot < 0 ? testId : testId.substring(dot + 1);
    }
}
