package io.vfiorig.reports.run;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;

/** The first thing on the page: verdict, counts, what ran where. */
final class VerdictBanner implements Section {
    private final RunResults r;

    VerdictBanner(RunResults r) {
        this.r = r;
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
        RunFacts.Verdict v = RunFacts.verdict(r);
        h.open("header", "class", "banner " + v.cssClass(), "id", id());
        h.open("div", "class", "verdict").el("span", v.word().toUpperCase(java.util.Locale.ROOT), "class", "word")
                .el("span", "vfio-rig · " + RunFacts.orDash(r.suite()) + " suite", "class", "what").close("div");
        h.open("div", "class", "counts");
        count(h, TestStatus.PASS, "passed");
        count(h, TestStatus.FAIL, "failed");
        count(h, TestStatus.SKIP, "skipped");
        count(h, TestStatus.ERROR, "errors");
        h.open("span", "class", "count infra").el("b", Integer.toString(RunFacts.infraErrors(r).size()))
                .text(" infra").close("span");
        h.close("div");
        h.open("dl", "class", "facts");
        fact(h, "device", r.device());
        fact(h, "kernel", r.environment() == null ? null : r.environment().kernelRelease());
        fact(h, "host", r.environment() == null ? null : r.environment().host());
        fact(h, "run", r.runId());
        fact(h, "started", r.startedAt());
        fact(h, "duration", RunFacts.duration(r));
        fact(h, "exit code", Integer.toString(r.exitCode()));
        h.close("dl");
        h.close("header");
    }

    private void count(Html h, TestStatus s, String label) {
        h.open("span", "class", "count " + s.name().toLowerCase(java.util.Locale.ROOT))
                .el("b", Long.toString(RunFacts.count(r, s))).text(" " + label).close("span");
    }

    static void fact(Html h, String name, String value) {
        h.el("dt", name).el("dd", RunFacts.orDash(value));
    }
}
