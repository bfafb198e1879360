package io.vfiorig.reports;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.reports.run.RunReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The report of a real run opened in headless Chromium: it renders, and the plots are there. */
public class ReportInChromiumTest {
    private Path dir;
    private Path page;
    private HeadlessChromium chromium;

    @BeforeClass
    public void render() throws Exception {
        dir = Files.createTempDirectory("rig-chromium-");
        chromium = HeadlessChromium.require(dir);
        page = dir.resolve(RunReport.FILE);
        RunReport.write(RealRun.results(), page);
    }

    /** Browser profiles are large; the page, screenshot and DOM stay for a look after a failure. */
    @AfterClass(alwaysRun = true)
    public void removeProfiles() throws Exception {
        HeadlessChromium.removeProfiles(dir);
    }

    @Test
    public void screenshotShowsTheVerdictAndThePlots() throws Exception {
        Path png = chromium.screenshot(page, 1200, 2400);
        assertTrue(Files.size(png) > 20_000, "screenshot of a real page, not an empty one: " + Files.size(png));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), 1200);
        Set<Integer> colours = new HashSet<>();
        int banner = 0;
        int cdfBlue = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (y < 200 && near(rgb, 0xb91c1c, 60)) {
                    banner++; // the red "violations" banner at the top
                }
                if (near(rgb, 0x2563eb, 30)) {
                    cdfBlue++; // the fault-latency series in the histogram and the CDF
                }
            }
        }
        assertTrue(colours.size() > 200, "not blank: " + colours.size() + " colours");
        assertTrue(banner > 2_000, "red verdict banner painted: " + banner + " px");
        assertTrue(cdfBlue > 100, "fault-latency plots painted: " + cdfBlue + " px");
    }

    @Test
    public void renderedDomHoldsThePlotsWithTheirDataPoints() throws Exception {
        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("VIOLATIONS"), "verdict");
        assertEquals(count(dom, "<svg "), RunReportTest.count(RunReport.render(RealRun.results()), "<svg "),
                "every plot survives parsing as an svg element");
        assertTrue(count(dom, "<rect class=\"bar\"") > 10, "histogram bars");
        assertTrue(count(dom, "<circle class=\"cycle\"") >= 2, "revoke timeline dots");
        assertTrue(RunReportTest.maxCdfPoints(dom) > 10, "CDF paths with their points in the DOM");
        assertTrue(!dom.contains("<script>alert"), "evidence text stayed text in the browser too");
    }

    /** Whether a pixel is within {@code tolerance} of {@code target} in every channel (also used by the controller's report tests). */
    public static boolean near(int rgb, int target, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, String needle) {
        return RunReportTest.count(s, needle);
    }
}
