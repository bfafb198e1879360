package io.vfiorig.controller.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.bisect.BisectRecords;
import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.StepRecord;
import io.vfiorig.controller.bisect.SyntheticBisection;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoredBisection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** The bisect report of a real engine run over a synthetic history (noisy kernels, flaky build, lab glitch). */
public class BisectReportTest {
    @Test
    public void summaryStepsEvidenceAndLogAreAllThere() throws Exception {
        BisectState s = SyntheticBisection.done();
        String culprit = SyntheticBisection.commits().get(SyntheticBisection.CULPRIT);
        assertEquals(s.culprit(), culprit);
        String html = BisectReport.render(s, BisectEvidence.fromDirs(s));

        assertTrue(html.contains("<header class=\"banner bad\""), "culprit found: red banner");
        assertTrue(html.indexOf("FIRST BAD FOUND") < html.indexOf("<table"), "summary first");
        assertTrue(html.contains(culprit + " " + s.culpritLabel()), "culprit named in the summary");
        assertTrue(html.contains("<dd>" + s.plan().good() + "</dd>") && html.contains("<dd>" + s.plan().bad() + "</dd>"), "both ends");
        assertTrue(html.contains("<b>" + s.steps().size() + "</b> steps"), "steps taken");
        for (StepRecord st : s.steps()) {
            assertTrue(html.contains("data-rev=\"" + st.rev() + "\""), "a row per step: " + st.rev());
        }
        assertTrue(html.contains("class=\"verdict-bad culprit\" data-rev=\"" + culprit + "\""), "culprit row marked");
        assertTrue(html.contains("class=\"verdict-good last-good\" data-rev=\"" + s.lastGood() + "\""), "last good row marked");
        StepRecord glitch = s.steps().stream().filter(st -> st.rev().equals(culprit)).findFirst().orElseThrow();
        assertTrue(html.contains("<td class=\"num\">" + glitch.infraFailures().size() + "</td><td>" + glitch.reason().substring(0, 10)),
                "infrastructure retries counted on the culprit's row");
        assertTrue(html.contains("<summary>infrastructure failures</summary>"));

        // The evidence is the comparison section of a comparison report, with the runs' distributions.
        assertNotNull(s.evidence());
        assertTrue(html.contains("id=\"evidence-tests\""), "evidence overview");
        for (MetricComparison m : s.evidence().tests().getFirst().metrics()) {
            assertTrue(html.contains("data-metric=\"" + m.metric() + "\">"), "evidence metric " + m.metric());
        }
        assertTrue(ComparisonReportTest.cdfPoints(html, "baseline fault_latency") > 10, "good neighbour's CDF");
        assertTrue(ComparisonReportTest.cdfPoints(html, "candidate fault_latency") > 10, "culprit's CDF");
        assertTrue(html.contains("# first bad commit: [" + culprit + "]"), "git bisect log");
        assertFalse(html.contains("<script"));
    }

    @Test
    public void theStoredBisectionKeepsItsEvidenceAndRendersTheSameTables() throws Exception {
        BisectState s = SyntheticBisection.done();
        Path db = Files.createTempDirectory("bisect-report-db-").resolve("store.db");
        try (ResultStore store = ResultStore.open("jdbc:sqlite:" + db)) {
            store.storeBisection(BisectRecords.of(s));
            StoredBisection stored = store.bisection(BisectRecords.id(s.plan())).orElseThrow();
            BisectState back = BisectRecords.state(stored);
            assertEquals(back.evidence(), s.evidence(), "the evidence comparison survives the store");
            assertEquals(back.steps(), s.steps());
            // The runs were never ingested: the page has every table and no distributions.
            String fromStore = BisectReport.render(back, BisectEvidence.fromStore(stored, back, store));
            assertEquals(fromStore, BisectReport.render(s, ComparedRuns.NONE));
            assertFalse(fromStore.contains("class=\"chart cdf\""));
            assertTrue(fromStore.contains("class=\"chart shift\""), "the shifts are in the stored evidence");
        }
    }
}
