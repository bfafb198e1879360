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
        TestResult correct = RealRun.results().tests().get(0);
        List<TimelineEvent> revokes = correct.timeline().stream().filter(e -> "REVOKING".equals(e.phase())).toList();
        assertTrue(revokes.size() >= 2, correct.timeline().toString());
        // On a loaded machine a hammer thread may sleep through a 40 ms revoke window: not every cycle.
        assertTrue(revokes.stream().anyMatch(e -> e.sigbusAfterMicros() != null),
                "a correct device's revokes end in SIGBUS, and the timeline says when: " + revokes);
        assertTrue(correct.timeline().stream().anyMatch(e -> "RESTORING".equals(e.phase()) && e.successAfterMicros() != null),
                correct.timeline().toString());
        assertTrue(correct.timeline().stream().noneMatch(e -> "ACTIVE".equals(e.phase()) && e.sigbusAfterMicros() != null));
    }

    @Test
    public void reportShowsVerdictTestsPlotsAndInvariants() throws Exception {
        String html = RunReport.render(RealRun.results());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("class=\"banner bad\"") && html.contains("VIOLATIONS"), "verdict first");
        assertTrue(html.indexOf("VIOLATIONS") < html.indexOf("id=\"test-0\""), "summary before the tests");
        for (int i = 0; i < 3; i++) {
            assertTrue(html.contains("href=\"#test-" + i + "\"") && html.contains("id=\"test-" + i + "\""), "test " + i);
        }
        assertTrue(html.contains("no-access-while-revoked") && html.contains("after revoke completed"),
                "the stale-mapping violation with its evidence");
        assertTrue(html.contains("id=\"environment\"") && html.contains(RealRun.results().environment().kernelRelease()));
        List<String> svgs = svgs(html);
        // Two tests with latencies: histogram + CDF each; two with revoke cycles: a timeline each.
        assertEquals(svgs.stream().filter(s -> s.contains("chart histogram")).count(), 2);
        assertEquals(svgs.stream().filter(s -> s.contains("chart cdf")).count(), 2);
        assertEquals(svgs.stream().filter(s -> s.contains("chart timeline")).count(), 2);
        assertTrue(count(html, "class=\"bar\"") > 10, "histogram bars");
        assertTrue(count(html, "class=\"cycle\"") >= 6, "per-cycle dots");
        assertTrue(html.contains("fill=\"#dc2626\""), "revoke → SIGBUS dots on the correct device");
        Matcher points = Pattern.compile("class=\"cdf\" d=\"[^\"]+\" stroke=\"[^\"]+\" data-metric=\"fault_latency\" data-points=\"(\\d+)\"")
                .matcher(html);
        assertTrue(points.find(), "CDF of the fault latency");
        assertTrue(Integer.parseInt(points.group(1)) > 10, points.group());
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
        assertEquals(svgs(html).stream().filter(s -> s.contains("chart timeline")).count(), 2, "phases still drawn");
    }

    @Test
    public void writesAtomicallyToTheGivenFile() throws Exception {
        Path out = Files.createTempDirectory("rig-report-").resolve("sub/report.html");
        RunReport.write(RealRun.results(), out);
        assertNotNull(Files.readString(out));
        assertTrue(Files.size(out) > 10_000);
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
