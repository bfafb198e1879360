package io.vfiorig.reports.run;

import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;

/** Rig or machine failures: never kernel findings, always shown. */
final class InfraErrorsSection implements Section {
    private final RunResults r;

    InfraErrorsSection(RunResults r) {
        this.r = r;
    }

    @Override
    public String id() {
        return "infra";
    }

    @Override
    public String title() {
        return "Infrastructure errors";
    }

    @Override
    public void render(Html h) {
        h.el("h2", title());
        h.el("p", "Problems of the rig or the machine, not of the kernel under test: they are never counted as failures.",
                "class", "note");
        h.raw("<table class=\"infra\"><thead><tr><th>kind</th><th>message</th><th>during test</th><th>artifact</th></tr></thead><tbody>");
        for (InfraError e : RunFacts.infraErrors(r)) {
            h.open("tr").el("td", RunFacts.orDash(e.kind()), "class", "mono").el("td", RunFacts.orDash(e.message()))
                    .el("td", RunFacts.orDash(e.duringTest()), "class", "mono")
                    .el("td", RunFacts.orDash(e.artifact()), "class", "mono").close("tr");
        }
        h.raw("</tbody></table>");
    }
}
