package io.vfiorig.reports.run;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;
import io.vfiorig.reports.svg.Units;
import java.util.List;
import java.util.Locale;

/** One row per test, linking to its section: the table a reader scans first. */
final class TestsOverviewSection implements Section {
    private final RunResults r;

    TestsOverviewSection(RunResults r) {
        this.r = r;
    }

    @Override
    public String id() {
        return "tests";
    }

    @Override
    public String title() {
        return "Tests";
    }

    @Override
    public void render(Html h) {
        List<TestResult> tests = RunFacts.tests(r);
        h.el("h2", "Tests");
        if (tests.isEmpty()) {
            h.el("p", "No test produced a result (see the infrastructure errors).", "class", "note");
            return;
        }
        h.raw("<table class=\"overview\"><thead><tr><th>test</th><th>device</th><th>status</th>"
                + "<th class=\"num\">faults</th><th class=\"num\">p50 fault</th><th class=\"num\">p99 fault</th>"
                + "<th class=\"num\">revokes</th><th class=\"num\">SIGBUS</th><th>broken invariants</th></tr></thead><tbody>");
        for (int i = 0; i < tests.size(); i++) {
            TestResult t = tests.get(i);
            h.open("tr");
            h.open("td").open("a", "href", "#test-" + i).text(RunFacts.method(t.test())).close("a").close("td");
            h.el("td", RunFacts.orDash(t.device()), "class", "mono");
            h.open("td").raw(TestSection.badge(t.status() == null ? "ERROR" : t.status().name())).close("td");
            h.el("td", RunFacts.counter(t, "faults"), "class", "num");
            h.el("td", RunFacts.latency(t, "fault_latency").map(l -> Units.nanos(l.p50())).orElse("–"), "class", "num");
            h.el("td", RunFacts.latency(t, "fault_latency").map(l -> Units.nanos(l.p99())).orElse("–"), "class", "num");
            h.el("td", RunFacts.counter(t, "disruptions"), "class", "num");
            h.el("td", RunFacts.counter(t, "sigbus"), "class", "num");
            List<String> broken = t.invariants() == null ? List.of() : t.brokenInvariants();
            h.el("td", broken.isEmpty() ? "–" : String.join(", ", broken), "class", broken.isEmpty() ? "mono" : "mono bad-text");
            h.close("tr");
        }
        h.raw("</tbody></table>");
        h.el("p", String.format(Locale.ROOT, "%d tests. Latencies are per access, from the HDR histograms; revokes "
                + "count disruption cycles.", tests.size()), "class", "note");
    }
}
