package io.vfiorig.controller.report;

import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.compare.TestComparison;
import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;
import io.vfiorig.reports.svg.ShiftChart;
import java.util.Comparator;
import java.util.List;

/** Every test in one table: its verdict and the one thing that decided it, linked to its section. */
final class ComparisonOverviewSection implements Section {
    private final Comparison c;
    private final String id;
    private final List<String> testIds;

    /** @param testIds the anchor of each test's section, in the order of {@code c.tests()} */
    ComparisonOverviewSection(Comparison c, String id, List<String> testIds) {
        this.c = c;
        this.id = id;
        this.testIds = testIds;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return "Tests";
    }

    @Override
    public void render(Html h) {
        h.el("h2", "Tests compared");
        h.open("p", "class", "subtitle").text("candidate ").el("span", c.candidate(), "class", "mono")
                .text(" against baseline ").el("span", c.baseline(), "class", "mono")
                .text(" · good: no shift beyond the threshold · weak: a shift beyond it, not significant · bad: "
                        + "significant, or an invariant violated · skip: infrastructure error or nothing to compare")
                .close("p");
        h.raw("<table class=\"overview\"><thead><tr><th>test</th><th>verdict</th><th>decided by</th></tr></thead><tbody>");
        for (int i = 0; i < c.tests().size(); i++) {
            TestComparison t = c.tests().get(i);
            VerdictStyle s = VerdictStyle.of(t.verdict());
            h.open("tr", "class", "verdict-" + s.css());
            h.open("td").open("a", "href", "#" + testIds.get(i)).text(t.test()).close("a").close("td");
            h.open("td");
            s.badge(h);
            h.close("td");
            h.el("td", decidedBy(t));
            h.close("tr");
        }
        h.raw("</tbody></table>");
    }

    /** The invariant that broke, the worst metric of the verdict, or the test's note. */
    static String decidedBy(TestComparison t) {
        List<String> broken = t.invariants().stream().filter(i -> i.verdict() == Verdict.BAD)
                .map(i -> i.invariant() + " violated (" + i.violations() + ")").toList();
        if (!broken.isEmpty()) {
            return String.join("; ", broken);
        }
        return t.metrics().stream().filter(m -> m.verdict() == t.verdict() && m.shift() != null)
                .max(Comparator.comparingDouble(m -> Math.abs(m.shift().relative())))
                .map(ComparisonOverviewSection::shiftText)
                .orElse(t.note() == null || t.note().isBlank() ? "–" : t.note());
    }

    static String shiftText(MetricComparison m) {
        return m.metric() + " " + ShiftChart.percent(m.shift().relative()) + " [" + ShiftChart.percent(m.shift().low())
                + ", " + ShiftChart.percent(m.shift().high()) + "]";
    }
}
