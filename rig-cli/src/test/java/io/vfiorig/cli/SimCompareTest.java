package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.ComparisonJson;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.compare.TestComparison;
import io.vfiorig.controller.compare.Verdict;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * {@code rig compare} on real sim runs: a correct baseline twice and the slow-fault bug once
 * (three half-length smoke runs, ≈ 30 s). Thresholds from the shared-CI inventory in the test
 * resources, which records the run-to-run noise measured on the CI machine.
 */
public class SimCompareTest {
    private Path base;
    private Path again;
    private Path slow;
    private String inventory;

    @BeforeClass
    public void runSuites() throws Exception {
        base = run("sim", "base");
        again = run("sim", "again");
        slow = run("sim:bug=slow-fault", "slow");
        inventory = resource("compare/sim-shared-ci.yaml");
    }

    private static Path run(String device, String name) throws Exception {
        Path dir = RigRunner.tempDir("compare-" + name);
        RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", device, "--suite", "smoke", "--duration-scale", "0.5",
                "--out", dir.toString());
        assertTrue(o.exit() == 0 || o.exit() == 1, "run " + name + " must finish; stderr:\n" + o.err());
        return dir;
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(SimCompareTest.class.getClassLoader().getResource(name).toURI()).toString();
    }

    @Test
    public void slowFaultAgainstCorrectBaselineIsBadWithTheP99ShiftShown() throws Exception {
        Path json = RigRunner.tempDir("compare-json").resolve("cmp.json");
        Path html = json.resolveSibling("cmp.html");
        RigRunner.Outcome o = RigRunner.rig(base, "compare", "--inventory", inventory, base.toString(), slow.toString(),
                "--json", json.toString(), "--html", html.toString());
        assertEquals(o.exit(), 1, o.out() + o.err());
        Comparison c = ComparisonJson.read(json);
        assertEquals(c.verdict(), Verdict.BAD);
        TestComparison hammer = c.tests().stream().filter(t -> t.test().endsWith("FaultHammerTest.faultHammer"))
                .findFirst().orElseThrow();
        MetricComparison p99 = hammer.metrics().stream().filter(m -> m.metric().equals("fault_latency p99"))
                .findFirst().orElseThrow();
        // The latency itself is bad, not only the invariant that watches it.
        assertEquals(p99.verdict(), Verdict.BAD, o.out());
        assertTrue(p99.shift().low() > 3.0, "slow-fault parks 1 in 20 faults for 3 ms: p99 far above 4x: " + p99);
        assertTrue(o.out().matches("(?s).*fault_latency p99 .*bad.*"), o.out());

        // The same comparison as a page: verdict first, the p99 row coloured bad, both runs' CDFs drawn.
        String page = Files.readString(html);
        assertTrue(o.out().contains("html: " + html), o.out());
        assertTrue(page.indexOf("<header class=\"banner bad\"") < page.indexOf("<table"), "bad verdict first");
        assertTrue(page.contains("<tr class=\"verdict-bad\" data-metric=\"fault_latency p99\">"), "p99 row, bad");
        assertTrue(page.contains("data-metric=\"baseline fault_latency\"") && page.contains("data-metric=\"candidate fault_latency\""),
                "overlaid CDFs of both runs");
        assertTrue(page.contains("data-metric=\"baseline revoke_to_sigbus\""), "revoke latency overlaid too");
        assertTrue(!page.contains("<script"), "no script");
    }

    @Test
    public void twoCorrectRunsCompareGood() {
        RigRunner.Outcome o = RigRunner.rig(base, "compare", "--inventory", inventory, base.toString(), again.toString());
        assertEquals(o.exit(), 0, "two correct runs must compare good:\n" + o.out() + o.err());
        assertTrue(o.out().contains("verdict: good"), o.out());
    }

    @Test
    public void aRunComparesGoodWithItselfAndAnUnknownRunIsAUsageError() {
        RigRunner.Outcome o = RigRunner.rig(base, "compare", base.toString(), base.resolve("results.json").toString(),
                "--host-class", "x");
        // --host-class applies to both; the same run is comparable with itself.
        assertEquals(o.exit(), 0, o.out() + o.err());
        RigRunner.Outcome missing = RigRunner.rig(base, "compare", base.toString(), "no-such-run");
        assertEquals(missing.exit(), 2);
        assertTrue(missing.err().contains("--db"), missing.err());
    }
}
