package io.vfiorig.controller.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.compare.Comparer;
import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.compare.Platform;
import io.vfiorig.controller.compare.RunSet;
import io.vfiorig.controller.compare.Shift;
import io.vfiorig.controller.compare.SyntheticRuns;
import io.vfiorig.controller.compare.TestComparison;
import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.controller.inventory.Thresholds;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/** The comparison report rendered from real {@code Comparer} output over synthetic HDR distributions. */
public class ComparisonReportTest {
    static final String NASTY = "<script>alert('x')</script>&\"";

    static RunSet side(String label, double scale, boolean violation, long seed, String hostClass) {
        RunResults r = SyntheticRuns.run(label + "-run", "7.3.0-" + label, seed, scale, 20_000, violation);
        return new RunSet(label, new Platform("sim", "sim", hostClass), List.of(r));
    }

    static Comparison compare(RunSet a, RunSet b) {
        return new Comparer(Thresholds.DEFAULT).compare(a, b);
    }

    @Test
    public void aRegressionShowsEveryMetricItsShiftAndTheOverlaidDistributions() {
        RunSet base = side("base", 1.0, false, 1, null);
        RunSet slow = side("slow", 1.6, true, 2, null);
        Comparison c = compare(base, slow);
        assertEquals(c.verdict(), Verdict.BAD);
        String html = ComparisonReport.render(c, new ComparedRuns(base, slow));

        assertTrue(html.contains("<header class=\"banner bad\""), "red banner first");
        assertTrue(html.indexOf("banner bad") < html.indexOf("<table"), "summary before the tables");
        assertTrue(html.contains("like with like: sim/sim"), "platform stated");
        for (MetricComparison m : c.tests().getFirst().metrics()) {
            assertTrue(html.contains("<tr class=\"verdict-" + m.verdict().id() + "\" data-metric=\"" + m.metric() + "\">"),
                    "row for " + m.metric() + " coloured by its verdict");
            assertTrue(html.contains("data-metric=\"" + m.metric() + "\"><line class=\"interval\""), "shift plotted: " + m.metric());
        }
        assertTrue(html.contains("<span class=\"badge bad\">BAD</span>"));
        // The invariant that broke, baseline PASS, candidate FAIL.
        assertTrue(html.contains("FAIL  (was PASS)"), "invariant outcome change shown");
        // Both distributions drawn, the baseline dashed, each from its full histogram.
        assertTrue(cdfPoints(html, "baseline fault_latency") > 10, "baseline CDF");
        assertTrue(cdfPoints(html, "candidate fault_latency") > 10, "candidate CDF");
        assertTrue(html.contains("stroke-dasharray=\"6 4\" data-metric=\"baseline fault_latency\""), "baseline dashed");
        assertFalse(html.contains("<script"), "no script in the page");
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no network reference");
    }

    @Test
    public void verdictColoursFollowTheVerdicts() {
        RunSet base = side("base", 1.0, false, 1, null);
        String good = ComparisonReport.render(compare(base, side("same", 1.0, false, 3, null)), ComparedRuns.NONE);
        assertTrue(good.contains("<header class=\"banner good\""), "green banner for good");
        assertTrue(good.contains("<span class=\"badge good\">GOOD</span>"));
        assertFalse(good.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart cdf\""),
                "without the runs there is nothing to draw a CDF from");
        assertTrue(good.contains("class=\"chart shift\""), "the shifts come from the comparison itself");

        // A 30 % shift against a 10 % threshold with one run per side and few samples is weak or bad, never good.
        RunSet few = new RunSet("few", base.platform(), List.of(SyntheticRuns.run("few-run", "7.3.0-few", 4, 1.12, 60, false)));
        Comparison weakish = compare(new RunSet("b", base.platform(), List.of(SyntheticRuns.run("b-run", "7.3.0-b", 5, 1.0, 60, false))), few);
        String html = ComparisonReport.render(weakish, ComparedRuns.NONE);
        String css = weakish.verdict().id();
        assertTrue(html.contains("<header class=\"banner " + css + "\""), "banner coloured " + css);
        for (MetricComparison m : weakish.tests().getFirst().metrics()) {
            assertTrue(html.contains("<tr class=\"verdict-" + m.verdict().id() + "\" data-metric=\"" + m.metric() + "\">"), m.metric());
        }
    }

    @Test
    public void everyVerdictHasItsColourInBadgesRowsAndTheShiftPlot() {
        List<MetricComparison> metrics = List.of(
                new MetricComparison("fault_latency p50", "p50", 0.1, new Shift(100, 102, 0.02, -0.01, 0.05, 0.95), Verdict.GOOD, ""),
                new MetricComparison("fault_latency p99", "p99", 0.1, new Shift(100, 130, 0.3, 0.05, 0.6, 0.95), Verdict.WEAK, ""),
                new MetricComparison("fault_latency p99.9", "p99.9", 0.1, new Shift(100, 200, 1.0, 0.8, 1.2, 0.95), Verdict.BAD, ""),
                new MetricComparison("revoke_to_sigbus p50", "revoke-to-sigbus", 0.1, null, Verdict.SKIP, "no samples in a run of the baseline"));
        Comparison c = new Comparison("a", "b", new Platform("sim", "sim", null), List.of("ra"), List.of("rb"), "7.2", "7.3",
                true, List.of(), Verdict.WEAK, List.of(new TestComparison("x.Y.z", Verdict.WEAK, "", metrics, List.of())));
        String html = ComparisonReport.render(c, ComparedRuns.NONE);
        assertTrue(html.contains("<header class=\"banner weak\""), "amber banner for weak");
        for (MetricComparison m : metrics) {
            String v = m.verdict().id();
            assertTrue(html.contains("<tr class=\"verdict-" + v + "\" data-metric=\"" + m.metric() + "\">"), m.metric());
            assertTrue(html.contains("<span class=\"badge " + v + "\">" + v.toUpperCase(java.util.Locale.ROOT) + "</span>"), v);
        }
        // Shift plot: the dot takes its metric's verdict colour; a metric without a shift has no row in it.
        assertTrue(html.contains("class=\"point\" cx=\"") && html.contains("fill=\"" + VerdictStyle.WEAK.color() + "\""));
        assertTrue(html.contains("fill=\"" + VerdictStyle.BAD.color() + "\"") && html.contains("fill=\"" + VerdictStyle.GOOD.color() + "\""));
        assertEquals(html.split("<line class=\"interval\"", -1).length - 1, 3);
        assertTrue(html.contains("no samples in a run of the baseline"), "why the skipped metric was skipped");
        // The shift plot's CSS colours exist in the page for every verdict.
        for (String css : List.of(".badge.good", ".badge.weak", ".badge.bad", ".badge.skip", ".banner.weak", ".banner.skip")) {
            assertTrue(html.contains(css), css);
        }
    }

    @Test
    public void differentPlatformsAreNotComparableAndSayWhy() {
        Comparison c = compare(side("lab", 1.0, false, 1, "server"), side("laptop", 1.0, false, 2, "laptop"));
        assertFalse(c.comparable());
        String html = ComparisonReport.render(c, ComparedRuns.NONE);
        assertTrue(html.contains("<header class=\"banner skip\""), html.substring(0, 2000));
        assertTrue(html.contains("NOT COMPARABLE"));
        assertTrue(html.contains("host class server vs laptop"), "the reason");
        assertFalse(html.contains("class=\"metrics\""), "no numbers that mean nothing");
    }

    @Test
    public void labelsAndRunIdsAreEscaped() {
        RunSet base = side(NASTY, 1.0, false, 1, null);
        RunSet cand = side("cand", 1.0, true, 2, null);
        String html = ComparisonReport.render(compare(base, cand), new ComparedRuns(base, cand));
        assertFalse(html.contains(NASTY), "raw label must not appear");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), "escaped label shown");
    }

    /** Points of the CDF path with this {@code data-metric}, 0 if absent. */
    static int cdfPoints(String html, String metric) {
        Matcher m = Pattern.compile("<path class=\"cdf\" d=\"M[^\"]+\"[^>]*data-metric=\"" + Pattern.quote(metric)
                + "\" data-points=\"(\\d+)\"").matcher(html);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
