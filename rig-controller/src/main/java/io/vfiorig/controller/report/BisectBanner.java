package io.vfiorig.controller.report;

import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;

/** First on a bisect page: the culprit (or why there is none), the two ends and how many steps it took. */
final class BisectBanner implements Section {
    private final BisectState s;

    BisectBanner(BisectState s) {
        this.s = s;
    }

    @Override
    public String id() {
        return "verdict";
    }

    @Override
    public String title() {
        return "Result";
    }

    /** Culprit found: red (a regression has a name); several candidates: amber; failed or running: grey. */
    static String css(BisectState s) {
        if (s.culprit() != null) {
            return "bad";
        }
        return BisectState.DONE.equals(s.status()) ? "weak" : "skip";
    }

    static String word(BisectState s) {
        if (s.culprit() != null) {
            return "FIRST BAD FOUND";
        }
        if (BisectState.DONE.equals(s.status())) {
            return s.candidates().size() + " CANDIDATES";
        }
        return BisectState.FAILED.equals(s.status()) ? "BISECTION FAILED" : "RUNNING";
    }

    @Override
    public void render(Html h) {
        h.open("header", "class", "banner " + css(s), "id", id());
        h.open("div", "class", "verdict").el("span", word(s), "class", "word")
                .el("span", "vfio-rig bisect · " + s.plan().suite() + " on " + s.plan().target(), "class", "what")
                .close("div");
        h.open("div", "class", "counts")
                .open("span", "class", "count").el("b", Integer.toString(s.steps().size())).text(" steps").close("span")
                .open("span", "class", "count").el("b", Long.toString(s.kernelsTested())).text(" kernels").close("span")
                .open("span", "class", "count").el("b", Long.toString(s.steps().stream().mapToLong(st -> st.runs().size()).sum()))
                .text(" runs").close("span")
                .close("div");
        h.el("p", s.message(), "class", "reasons");
        ComparisonBanner.facts(h,
                "first bad", s.culprit() == null ? null : s.culprit() + " " + s.culpritLabel(),
                "last good", s.lastGood(),
                "good end", s.plan().good(),
                "bad end", s.plan().bad(),
                "mode", s.plan().git() ? "git bisect in " + s.plan().tree() : "prebuilt kernels (" + s.plan().kernels().size() + ")",
                "status", s.status());
        h.close("header");
    }
}
