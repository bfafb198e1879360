package io.vfiorig.reports;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TimelineEvent;
import io.vfiorig.reports.run.RunReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;

/** The HTML report of a real run: structure, plots with data, escaping, older results. */
public class RunReportTest {
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    @Test
    public void realRunCarriesPerCycleOutcomes() {
        List<TimelineEvent> all = RealRun.results().tests().stream().flatMap(t -> t.timeline().stream()).toList();
        TestResult correct = RealRun.results().tests().get(0);
        assertTrue(correct.timeline().stream().filter(e -> "REVOKING".equals(e.phase())).count() >= 1,
                correct.timeline().toString());
        // The storm holds the BAR revoked until threads take SIGBUS: its revoke has a first SIGBUS even
        // on a starved machine (a 40 ms revoke window of revoke-under-load may see no access there).
        TestResult storm = RealRun.results().tests().get(2);
        assertTrue(storm.timeline().stream().anyMatch(e -> "REVOKING".equals(e.phase()) && e.sigbusAfterMicros() != null),
                "a revoke that ended in SIGBUS says when: " + storm.timeline());
        assertTrue(all.stream().noneMatch(e -> !"REVOKING".equals(e.phase()) && e.sigbusAfterMicros() != null), all.toString());
        assertTrue(all.stream().noneMatch(e -> !"RESTORING".equals(e.phase()) && e.successAfterMicros() != null), all.toString());
    }

    @Test
    public void reportShowsVerdictTestsPlotsAndInvariants() throws Exception {
        String html = RunReport.render(RealRun.results());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("class=\"banner bad\"") && html.contains("VIOLATIONS"), "verdict first");
        assertTrue(html.indexOf("VIOLATIONS") < html.indexOf("id=\"test-0\""), "summary before the tests");
        for (int i = 0; i < 4; i++) {
            assertTrue(html.contains("href=\"#test-" + i + "\"") && html.contains("id=\"test-" + i + "\""), "test " + i);
        }
        assertTrue(html.contains("no-access-while-revoked") && html.contains("after revoke completed"),
                "the stale-mapping violation with its evidence");
        assertTrue(html.contains("id=\"environment\"") && html.contains(RealRun.results().environment().kernelRelease()));
        List<String> svgs = svgs(html);
        // Each test with latencies gets a histogram and a CDF; each of the three real ones revokes: a timeline each.
        long withLatencies = RealRun.results().tests().stream()
                .filter(t -> t.latencies().stream().anyMatch(h -> h.count() > 0)).count();
        assertTrue(withLatencies >= 2, "the real runs recorded latencies");
        assertEquals(svgs.stream().filter(s -> s.contains("chart histogram")).count(), withLatencies);
        assertEquals(svgs.stream().filter(s -> s.contains("chart cdf")).count(), withLatencies);
        assertEquals(svgs.stream().filter(s -> s.contains("chart timeline")).count(), 3);
        assertTrue(count(html, "class=\"bar\"") > 10, "histogram bars");
        assertTrue(count(html, "class=\"cycle\"") >= 2, "per-cycle dots");
        assertTrue(html.contains("class=\"cycle\" cx=") && html.contains("fill=\"#dc2626\""), "revoke → SIGBUS dots");
        assertTrue(maxCdfPoints(html) > 10, "CDFs drawn from the full histograms: " + maxCdfPoints(html));
        for (String svg : svgs) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals(doc.getDocumentElement().getNodeName(), "svg", "each plot is well-formed SVG");
        }
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no external reference");
        assertFalse(html.contains("<script"), "no script at all");
    }

    @Test
    public void kernelLogTextIsEscapedEverywhere() {
        String html = RunReport.render(RealRun.results());
        assertFalse(html.contains("<script>alert"), "evidence must never become markup");
        assertFalse(html.contains("\u0000"), "NUL must not reach the document");
        assertTrue(html.contains("BUG: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;vfio_pci_mmap_huge_fault+0x1a/0x40&quot;"),
                "the text is kept, escaped");
        assertTrue(html.contains("[hammer-&lt;0&gt;] offset 0x1000 value 0xdeadbeef"), "evidence location escaped");
        assertTrue(html.contains("names&lt;&amp;&gt;"), "test names escaped");
        assertFalse(html.contains("</pre></pre>"), "a '</pre>' in the data does not close the element");
    }

    @Test
    public void schemaOneResultsStillRender() throws Exception {
        // A results.json from before per-cycle outcomes: same timeline, no *AfterMicros fields.
        RunResults r = RealRun.results();
        List<TestResult> old = new ArrayList<>();
        for (TestResult t : r.tests()) {
            old.add(new TestResult(t.sequence(), t.suite(), t.test(), t.device(), t.backend(), t.status(), t.durationMs(),
                    t.message(), t.invariants(), t.latencies(), t.counters(),
                    t.timeline().stream().map(e -> new TimelineEvent(e.atMicros(), e.phase(), e.cause())).toList(), t.facts()));
        }
        Path file = Files.createTempDirectory("rig-report-").resolve("results.json");
        ResultsJson.write(new RunResults(1, r.runId(), r.suite(), r.device(), r.startedAt(), r.finishedAt(), r.status(),
                r.exitCode(), r.environment(), old, r.infrastructureErrors()), file);
        assertFalse(Files.readString(file).contains("sigbusAfterMicros"));
        String html = RunReport.render(ResultsJson.read(file));
        assertTrue(html.contains("predate per-cycle outcomes"), "says why the dots are missing");
        assertEquals(count(html, "class=\"cycle\""), 0);
        assertEquals(svgs(html).stream().filter(s -> s.contains("chart timeline")).count(), 3, "phases still drawn");
    }

    @Test
    public void writesAtomicallyToTheGivenFile() throws Exception {
        Path out = Files.createTempDirectory("rig-report-").resolve("sub/report.html");
        RunReport.write(RealRun.results(), out);
        assertNotNull(Files.readString(out));
        assertTrue(Files.size(out) > 10_000);
    }

    /** The most points any CDF path has (the number depends on the distribution's spread). */
    static int maxCdfPoints(String html) {
        Matcher m = Pattern.compile("<path class=\"cdf\" d=\"M[^\"]+\"[^>]*data-points=\"(\\d+)\"").matcher(html);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
