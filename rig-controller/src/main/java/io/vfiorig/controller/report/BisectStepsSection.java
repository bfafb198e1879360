package io.vfiorig.controller.report;

import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.StepRecord;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;

/** Every kernel the bisection tested, in order: what it was, its verdict, repeats, infrastructure retries and skips. */
final class BisectStepsSection implements Section {
    private final BisectState s;

    BisectStepsSection(BisectState s) {
        this.s = s;
    }

    @Override
    public String id() {
        return "steps";
    }

    @Override
    public String title() {
        return "Steps";
    }

    @Override
    public void render(Html h) {
        h.el("h2", "Steps");
        h.el("p", "verify-good and verify-bad check the ends first; a weak verdict earns repeats of both kernels; "
                + "an infrastructure failure is retried, then the kernel is skipped, never called bad.", "class", "subtitle");
        h.raw("<table class=\"steps\"><thead><tr><th class=\"num\">#</th><th>role</th><th>commit / kernel</th><th>verdict</th>"
                + "<th class=\"num\">runs</th><th class=\"num\">infra retries</th><th>why</th></tr></thead><tbody>");
        for (int i = 0; i < s.steps().size(); i++) {
            StepRecord st = s.steps().get(i);
            VerdictStyle v = VerdictStyle.of(st.verdict());
            String mark = st.rev().equals(s.culprit()) ? " culprit" : st.rev().equals(s.lastGood()) ? " last-good" : "";
            h.open("tr", "class", "verdict-" + v.css() + mark, "data-rev", st.rev());
            h.el("td", Integer.toString(i + 1), "class", "num");
            h.el("td", st.role(), "class", "mono");
            h.open("td").el("span", st.rev(), "class", "mono").open("br").el("span", st.label(), "class", "dim");
            if (!mark.isEmpty()) {
                h.text(" ").el("b", mark.strip().replace('-', ' '), "class", mark.contains("culprit") ? "bad-text" : null);
            }
            h.close("td");
            h.open("td");
            v.badge(h);
            h.close("td");
            h.el("td", Integer.toString(st.runs().size()), "class", "num");
            h.el("td", Integer.toString(st.infraFailures().size()), "class", "num");
            h.open("td").text(st.reason());
            if (!st.infraFailures().isEmpty()) {
                h.open("details").el("summary", "infrastructure failures").open("ol", "class", "evidence");
                st.infraFailures().forEach(f -> h.open("li").el("pre", f).close("li"));
                h.close("ol").close("details");
            }
            h.close("td");
            h.close("tr");
        }
        h.raw("</tbody></table>");
        if (s.culprit() == null && !s.candidates().isEmpty()) {
            h.el("h3", "Possible first bad");
            h.open("ul");
            s.candidates().forEach(c -> h.el("li", c, "class", "mono"));
            h.close("ul");
        }
    }
}
