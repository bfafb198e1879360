package io.vfiorig.reports.run;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TimelineEvent;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;
import io.vfiorig.reports.svg.LatencyCharts;
import io.vfiorig.reports.svg.MetricStyle;
import io.vfiorig.reports.svg.RevokeTimelineChart;
import io.vfiorig.reports.svg.Units;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One test: what happened, latency plots, revoke timeline, invariants with evidence, counters. */
final class TestSection implements Section {
    private final TestResult t;
    private final String id;
    private final List<InfraError> infraErrors;

    TestSection(TestResult t, String id, List<InfraError> infraErrors) {
        this.t = t;
        this.id = id;
        this.infraErrors = infraErrors;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return RunFacts.method(t.test()) + " · " + RunFacts.orDash(t.device());
    }

    @Override
    public void render(Html h) {
        String status = t.status() == null ? "ERROR" : t.status().name();
        h.open("h2").text(RunFacts.method(t.test())).raw(" ").raw(badge(status)).close("h2");
        h.open("p", "class", "subtitle").el("span", RunFacts.orDash(t.test()), "class", "mono")
                .text(" on ").el("span", RunFacts.orDash(t.device()), "class", "mono")
                .text(String.format(Locale.ROOT, " · backend %s · %.1f s", RunFacts.orDash(t.backend()), t.durationMs() / 1000.0))
                .close("p");
        if (t.message() != null && !t.message().isBlank()) {
            h.el("pre", t.message(), "class", "message " + status.toLowerCase(Locale.ROOT));
        }
        for (InfraError e : infraErrors) {
            h.el("pre", "infrastructure error " + e.kind() + ": " + e.message()
                    + (e.artifact() == null || e.artifact().isBlank() ? "" : "\nartifact: " + e.artifact()), "class", "message error");
        }
        latency(h);
        timeline(h);
        invariants(h);
        countersAndFacts(h);
    }

    private void latency(Html h) {
        List<HistogramSummary> lat = t.latencies() == null ? List.of()
                : t.latencies().stream().filter(l -> l != null && l.count() > 0).toList();
        h.el("h3", "Latency distribution");
        if (lat.isEmpty()) {
            h.el("p", "This test recorded no latencies.", "class", "note");
            return;
        }
        legend(h, lat);
        h.open("div", "class", "plots");
        figure(h, LatencyCharts.histogram(lat), "Histogram over log-spaced bins (10 per decade).");
        figure(h, LatencyCharts.cdf(lat), "CDF; the percentile axis is in nines so the tail is visible. Dots: p50, p99, p99.9.");
        h.close("div");
        h.raw("<table class=\"percentiles\"><thead><tr><th>metric</th><th class=\"num\">samples</th><th class=\"num\">min</th>"
                + "<th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p99</th><th class=\"num\">p99.9</th>"
                + "<th class=\"num\">max</th><th class=\"num\">mean</th></tr></thead><tbody>");
        for (HistogramSummary l : lat) {
            h.open("tr").open("td").open("span", "class", "swatch", "style", "background:" + MetricStyle.of(l.metric()).color())
                    .close("span").text(" " + MetricStyle.of(l.metric()).label()).el("span", " " + l.metric(), "class", "mono dim")
                    .close("td");
            h.el("td", String.format(Locale.ROOT, "%,d", l.count()), "class", "num");
            for (double v : new double[] {l.min(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()}) {
                h.el("td", Units.nanos(v), "class", "num");
            }
            h.close("tr");
        }
        h.raw("</tbody></table>");
    }

    private static void legend(Html h, List<HistogramSummary> lat) {
        h.open("div", "class", "legend");
        for (HistogramSummary l : lat) {
            MetricStyle s = MetricStyle.of(l.metric());
            h.open("span").open("span", "class", "swatch", "style", "background:" + s.color()).close("span")
                    .text(" " + s.label()).close("span");
        }
        h.close("div");
    }

    private static void figure(Html h, String svg, String caption) {
        h.open("figure").raw(svg).el("figcaption", caption).close("figure");
    }

    private void timeline(Html h) {
        List<TimelineEvent> tl = t.timeline() == null ? List.of() : t.timeline();
        if (!RevokeTimelineChart.hasCycles(tl)) {
            return; // no disruptor in this test: nothing to draw
        }
        long revokes = tl.stream().filter(e -> "REVOKING".equals(e.phase())).count();
        h.el("h3", "Revoke timeline");
        h.open("div", "class", "legend")
                .open("span").raw("<span class=\"swatch phase-revoking\"></span>").text(" revoking").close("span")
                .open("span").raw("<span class=\"swatch phase-revoked\"></span>").text(" revoked").close("span")
                .open("span").raw("<span class=\"swatch phase-restoring\"></span>").text(" restoring").close("span")
                .open("span").open("span", "class", "swatch dot", "style", "background:" + MetricStyle.REVOKE_TO_SIGBUS.color())
                .close("span").text(" revoke → first SIGBUS").close("span")
                .open("span").open("span", "class", "swatch dot", "style", "background:" + MetricStyle.RESTORE_TO_SUCCESS.color())
                .close("span").text(" restore → first successful access").close("span")
                .close("div");
        figure(h, RevokeTimelineChart.render(tl, t.durationMs()), String.format(Locale.ROOT,
                "%d revoke cycles in the first %d state changes recorded. Each dot is the first outcome any hammer thread saw.",
                revokes, tl.size()));
        if (!RevokeTimelineChart.hasOutcomes(tl)) {
            h.el("p", "These results predate per-cycle outcomes (results schema 1): only the phases are shown.", "class", "note");
        }
    }

    private void invariants(Html h) {
        List<InvariantOutcome> inv = t.invariants() == null ? List.of() : t.invariants();
        h.el("h3", "Invariants");
        if (inv.isEmpty()) {
            h.el("p", "No invariant was evaluated.", "class", "note");
            return;
        }
        h.raw("<table class=\"invariants\"><colgroup><col class=\"c-inv\"><col class=\"c-verdict\"><col class=\"c-num\">"
                + "<col class=\"c-summary\"><col class=\"c-evidence\"></colgroup><thead><tr><th>invariant</th><th>verdict</th>"
                + "<th class=\"num\">violations</th><th>what was checked / what broke</th><th>evidence</th></tr></thead><tbody>");
        for (InvariantOutcome o : inv) {
            String status = o.status() == null ? "FAIL" : o.status().name();
            h.open("tr", "class", o.failed() ? "broken" : null);
            h.el("td", RunFacts.orDash(o.invariant()), "class", "mono");
            h.open("td").raw(badge(status)).close("td");
            h.el("td", String.format(Locale.ROOT, "%,d", o.violations()), "class", "num");
            h.el("td", RunFacts.orDash(o.summary()));
            h.open("td");
            evidence(h, o);
            h.close("td");
            h.close("tr");
        }
        h.raw("</tbody></table>");
    }

    private static void evidence(Html h, InvariantOutcome o) {
        List<Evidence> ev = o.evidence() == null ? List.of() : o.evidence();
        if (ev.isEmpty()) {
            h.text("–");
            return;
        }
        h.open("ol", "class", "evidence");
        for (Evidence e : ev) {
            StringBuilder where = new StringBuilder();
            if (e.thread() != null && !e.thread().isBlank()) {
                where.append('[').append(e.thread()).append("] ");
            }
            if (e.offset() >= 0) {
                where.append("offset 0x").append(Long.toHexString(e.offset())).append(' ');
            }
            if (e.value() != null) {
                where.append("value 0x").append(Long.toHexString(e.value())).append(' ');
            }
            h.open("li").open("pre");
            if (!where.isEmpty()) {
                h.el("span", where.toString().strip(), "class", "dim").text(" ");
            }
            h.text(e.detail() == null ? "" : e.detail()).close("pre").close("li");
        }
        h.close("ol");
        if (o.violations() > ev.size()) {
            h.el("p", (o.violations() - ev.size()) + " more violations not kept as evidence.", "class", "note");
        }
    }

    private void countersAndFacts(Html h) {
        Map<String, Long> counters = t.counters() == null ? Map.of() : new TreeMap<>(t.counters());
        Map<String, String> facts = t.facts() == null ? Map.of() : new TreeMap<>(t.facts());
        if (counters.isEmpty() && facts.isEmpty()) {
            return;
        }
        h.open("details", "class", "more").el("summary", "Counters and device facts");
        h.open("div", "class", "twocol");
        h.open("dl", "class", "kv");
        counters.forEach((k, v) -> VerdictBanner.fact(h, k, String.format(Locale.ROOT, "%,d", v)));
        h.close("dl").open("dl", "class", "kv");
        facts.forEach((k, v) -> VerdictBanner.fact(h, k, v));
        h.close("dl").close("div").close("details");
    }

    /** A coloured status label; {@code status} is one of our own enum names. */
    static String badge(String status) {
        return "<span class=\"badge " + Html.escape(status.toLowerCase(Locale.ROOT)) + "\">" + Html.escape(status) + "</span>";
    }
}
