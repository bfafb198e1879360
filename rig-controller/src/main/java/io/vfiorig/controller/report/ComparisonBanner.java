package io.vfiorig.controller.report;

import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;
import java.util.Locale;

/** First on a comparison page: the overall verdict, what was compared with what, and on which platform. */
final class ComparisonBanner implements Section {
    private final Comparison c;

    ComparisonBanner(Comparison c) {
        this.c = c;
    }

    @Override
    public String id() {
        return "verdict";
    }

    @Override
    public String title() {
        return "Verdict";
    }

    @Override
    public void render(Html h) {
        String css = c.comparable() ? VerdictStyle.of(c.verdict()).css() : "skip";
        String word = c.comparable() ? c.verdict().id().toUpperCase(Locale.ROOT) : "NOT COMPARABLE";
        h.open("header", "class", "banner " + css, "id", id());
        h.open("div", "class", "verdict").el("span", word, "class", "word")
                .el("span", "vfio-rig comparison · " + c.candidate() + " against " + c.baseline(), "class", "what")
                .close("div");
        h.open("div", "class", "counts");
        for (Verdict v : Verdict.values()) {
            h.open("span", "class", "count " + v.id()).el("b", Integer.toString(c.testsWith(v).size()))
                    .text(" " + v.id()).close("span");
        }
        h.close("div");
        if (!c.comparable()) {
            h.open("ul", "class", "reasons");
            for (String why : c.notComparableBecause()) {
                h.el("li", why);
            }
            h.el("li", "Comparisons pair only the same device model, backend and host class: nothing was compared.");
            h.close("ul");
        }
        facts(h,
                "platform", c.comparable() ? "like with like: " + c.platform() : c.platform() + " (baseline)",
                "baseline", c.baseline(),
                "baseline kernel", c.baselineKernel(),
                "baseline runs", String.join(", ", c.baselineRuns()),
                "candidate", c.candidate(),
                "candidate kernel", c.candidateKernel(),
                "candidate runs", String.join(", ", c.candidateRuns()));
        h.close("header");
    }

    /** A {@code dl} of name, value pairs; a missing value shows as a dash. */
    static void facts(Html h, String... pairs) {
        h.open("dl", "class", "facts");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String v = pairs[i + 1];
            h.el("dt", pairs[i]).el("dd", v == null || v.isBlank() ? "–" : v);
        }
        h.close("dl");
    }
}
