package io.vfiorig.controller.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.SyntheticBisection;
import io.vfiorig.controller.compare.RunSet;
import io.vfiorig.reports.HeadlessChromium;
import io.vfiorig.reports.ReportInChromiumTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The comparison and bisect reports opened in headless Chromium, as rig-reports' ReportInChromiumTest
 * does for the run report: they render, and the plots and tables survive parsing.
 */
public class ReportsInChromiumTest {
    private Path dir;
    private Path comparison;
    private Path bisect;
    private String comparisonHtml;
    private String bisectHtml;

    @BeforeClass
    public void render() throws Exception {
        dir = Files.createTempDirectory("rig-chromium-cmp-");
        HeadlessChromium.require(dir);
        RunSet base = ComparisonReportTest.side("base", 1.0, false, 1, null);
        RunSet slow = ComparisonReportTest.side("slow", 1.6, true, 2, null);
        comparison = dir.resolve("comparison.html");
        ComparisonReport.write(ComparisonReportTest.compare(base, slow), new ComparedRuns(base, slow), comparison);
        comparisonHtml = Files.readString(comparison);
        BisectState s = SyntheticBisection.done();
        bisect = dir.resolve("bisect.html");
        BisectReport.write(s, BisectEvidence.fromDirs(s), bisect);
        bisectHtml = Files.readString(bisect);
    }

    /** Browser profiles are large; pages, screenshots and DOMs stay for a look after a failure. */
    @AfterClass(alwaysRun = true)
    public void removeProfiles() throws Exception {
        HeadlessChromium.removeProfiles(dir);
    }

    /** One browser per page: HeadlessChromium names its outputs by kind, not by page. */
    private HeadlessChromium browser(String name) throws Exception {
        return HeadlessChromium.require(Files.createDirectories(dir.resolve(name)));
    }

    @Test
    public void comparisonScreenshotShowsTheBadBannerAndBothCurves() throws Exception {
        BufferedImage img = ImageIO.read(browser("comparison-shot").screenshot(comparison, 1200, 2200).toFile());
        assertEquals(img.getWidth(), 1200);
        assertTrue(pixels(img, 0, 200, 0xb91c1c, 60) > 2_000, "red 'bad' banner painted at the top");
        assertTrue(pixels(img, 200, img.getHeight(), 0x2563eb, 30) > 100, "candidate fault-latency CDF painted (blue)");
        assertTrue(pixels(img, 200, img.getHeight(), 0x64748b, 12) > 100, "baseline CDF painted (grey)");
    }

    @Test
    public void comparisonDomHoldsTablesAndPlots() throws Exception {
        String dom = browser("comparison-dom").dumpDom(comparison);
        assertEquals(count(dom, "<svg "), count(comparisonHtml, "<svg "), "every plot is an svg element after parsing");
        assertTrue(count(dom, "class=\"chart cdf\"") >= 1, "CDF overlay");
        assertTrue(count(dom, "class=\"chart shift\"") >= 1, "shift plot");
        assertTrue(ComparisonReportTest.cdfPoints(dom, "baseline fault_latency") > 10, "baseline curve with its points");
        assertTrue(ComparisonReportTest.cdfPoints(dom, "candidate fault_latency") > 10, "candidate curve with its points");
        assertEquals(count(dom, "<line class=\"interval\""), count(comparisonHtml, "<line class=\"interval\""), "an interval per metric");
        assertTrue(count(dom, "<line class=\"interval\"") >= 5, "fault latency p50, p99, p99.9, max and the fault rate");
        assertTrue(dom.contains("fault_latency p99"), "metric table");
    }

    @Test
    public void bisectScreenshotAndDomShowStepsEvidenceAndPlots() throws Exception {
        BisectState s = SyntheticBisection.done();
        BufferedImage img = ImageIO.read(browser("bisect-shot").screenshot(bisect, 1200, 2600).toFile());
        assertTrue(pixels(img, 0, 200, 0xb91c1c, 60) > 2_000, "red banner: a first bad commit was found");
        assertTrue(pixels(img, 200, img.getHeight(), 0x2563eb, 30) > 100, "the evidence's CDF painted");
        String dom = browser("bisect-dom").dumpDom(bisect);
        assertEquals(count(dom, "data-rev=\""), s.steps().size(), "a table row per step");
        assertEquals(count(dom, "<svg "), count(bisectHtml, "<svg "));
        assertTrue(count(dom, "class=\"chart cdf\"") >= 1 && count(dom, "class=\"chart shift\"") >= 1, "evidence plots");
        assertTrue(dom.contains("first bad commit: [" + s.culprit() + "]"), "the log");
    }

    private static int pixels(BufferedImage img, int fromY, int toY, int target, int tolerance) {
        int n = 0;
        for (int y = fromY; y < Math.min(toY, img.getHeight()); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                n += ReportInChromiumTest.near(img.getRGB(x, y) & 0xffffff, target, tolerance) ? 1 : 0;
            }
        }
        return n;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
