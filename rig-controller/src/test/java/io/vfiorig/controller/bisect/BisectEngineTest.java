package io.vfiorig.controller.bisect;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.controller.inventory.Thresholds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The bisect engine on synthetic git histories (a "build" script and prepared results per commit):
 * 17 commits, the culprit planted at commit 11. Each test takes a few seconds.
 */
public class BisectEngineTest {
    static final int CULPRIT = 11;

    static List<String> clean() {
        List<String> o = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            o.add(i < CULPRIT ? "good" : "bad");
        }
        return o;
    }

    static BisectState bisect(Path dir, SyntheticHistory h, BisectPlan plan, StringWriter log) throws Exception {
        BisectEngine e = new BisectEngine(dir, new CommandExecution(h.runCmd(0), "smoke", "vm:synthetic", Duration.ofMinutes(1)),
                Thresholds.DEFAULT, new PrintWriter(log, true));
        return e.run(plan);
    }

    @Test
    public void cleanHistoryFindsThePlantedCulpritWithinLogSteps() throws Exception {
        Path root = Files.createTempDirectory("bisect-clean-");
        SyntheticHistory h = SyntheticHistory.create(root, clean());
        StringWriter log = new StringWriter();
        BisectState s = bisect(root.resolve("state"), h, h.plan(0, 16), log);
        assertEquals(s.status(), BisectState.DONE, s.message() + "\n" + log);
        assertEquals(s.culprit(), h.commits.get(CULPRIT), log.toString());
        int n = 16; // commits in (good, bad]
        long bound = (long) Math.ceil(Math.log(n) / Math.log(2)) + 2;
        assertTrue(s.kernelsTested() <= bound, s.kernelsTested() + " kernels tested, bound " + bound + "\n" + log);
        assertEquals(s.lastGood(), h.commits.get(CULPRIT - 1));
        assertNotNull(s.evidence());
        assertEquals(s.evidence().verdict(), Verdict.BAD, "the evidence compares the two neighbours");
        // The printed log replays in git to the same first bad commit.
        Path logFile = root.resolve("bisect.log");
        Files.writeString(logFile, BisectLog.render(s));
        h.git("bisect", "reset");
        String replay = h.git("bisect", "replay", logFile.toString());
        assertTrue(replay.contains(h.commits.get(CULPRIT) + " is the first bad commit"), replay);
        h.git("bisect", "reset");
    }

    @Test
    public void noisyMetricAndFlakyInfrastructureDoNotFoolIt() throws Exception {
        List<String> o = clean();
        // git bisect visits 8, 12, 10, 11 on this history: plant the traps on that path.
        o.set(8, "flaky-build-good");
        o.set(10, "noisy-good");
        o.set(CULPRIT, "flaky-infra-bad");
        o.set(12, "noisy-bad");
        Path root = Files.createTempDirectory("bisect-noisy-");
        SyntheticHistory h = SyntheticHistory.create(root, o);
        StringWriter log = new StringWriter();
        BisectState s = bisect(root.resolve("state"), h, h.plan(0, 16), log);
        assertEquals(s.culprit(), h.commits.get(CULPRIT), s.message() + "\n" + log);
        StepRecord noisyGood = s.step(h.commits.get(10)).orElseThrow();
        assertEquals(noisyGood.verdict(), Verdict.GOOD, log.toString());
        assertTrue(noisyGood.runs().size() > 1, "the misleading first run needed repeats: " + noisyGood);
        StepRecord noisyBad = s.step(h.commits.get(12)).orElseThrow();
        assertEquals(noisyBad.verdict(), Verdict.BAD, log.toString());
        assertTrue(noisyBad.runs().size() > 1, "a weak first run needed repeats: " + noisyBad);
        StepRecord flakyBuild = s.step(h.commits.get(8)).orElseThrow();
        assertEquals(flakyBuild.verdict(), Verdict.GOOD);
        assertEquals(flakyBuild.infraFailures().size(), 1, flakyBuild.toString());
        StepRecord flakyRun = s.step(h.commits.get(CULPRIT)).orElseThrow();
        assertEquals(flakyRun.verdict(), Verdict.BAD);
        assertEquals(flakyRun.infraFailures().size(), 1, "the lab glitch was retried, not called bad: " + flakyRun);
        assertTrue(s.baselineRuns().size() > 1, "the good kernel was repeated too: " + s.baselineRuns());
    }

    @Test
    public void aKernelThatNeverBuildsIsSkippedNotBad() throws Exception {
        List<String> o = clean();
        o.set(8, "broken-build-good");
        Path root = Files.createTempDirectory("bisect-broken-");
        SyntheticHistory h = SyntheticHistory.create(root, o);
        StringWriter log = new StringWriter();
        BisectState s = bisect(root.resolve("state"), h, h.plan(0, 16), log);
        assertEquals(s.culprit(), h.commits.get(CULPRIT), log.toString());
        StepRecord broken = s.step(h.commits.get(8)).orElseThrow();
        assertEquals(broken.verdict(), Verdict.SKIP);
        assertEquals(broken.infraFailures().size(), 3, "built once and retried twice: " + broken);
        assertTrue(BisectLog.render(s).contains("git bisect skip " + h.commits.get(8)));
    }

    @Test
    public void badThatIsNotBadIsRefusedBeforeBisecting() throws Exception {
        Path root = Files.createTempDirectory("bisect-refuse-");
        SyntheticHistory h = SyntheticHistory.create(root, clean());
        StringWriter log = new StringWriter();
        BisectState s = bisect(root.resolve("state"), h, h.plan(0, 5), log);
        assertEquals(s.status(), BisectState.FAILED);
        assertTrue(s.message().contains("does not show a regression"), s.message());
        assertEquals(s.steps().size(), 2, "only the two verification runs");
        assertFalse(Files.exists(h.tree.resolve(".git/BISECT_LOG")), "git bisect never started");
    }

    @Test
    public void prebuiltKernelListIsBisectedWithoutBuilding() throws Exception {
        Path root = Files.createTempDirectory("bisect-list-");
        SyntheticHistory h = SyntheticHistory.create(root, List.of("good"));
        List<String> kernels = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Path k = root.resolve("kernels/vmlinuz-7.3." + i);
            Files.createDirectories(k.getParent());
            Files.writeString(k, (i < 6 ? "good" : i == 7 ? "flaky-infra-bad" : "bad") + "\n");
            kernels.add(k.toString());
        }
        BisectPlan plan = new BisectPlan(BisectPlan.KERNELS, null, kernels.getFirst(), kernels.getLast(), kernels, "smoke",
                "vm:synthetic", null, BisectPlan.DEFAULT_IMAGE, null, 4, 2, null);
        StringWriter log = new StringWriter();
        BisectState s = bisect(root.resolve("state"), h, plan, log);
        assertEquals(s.culprit(), kernels.get(6), log.toString());
        assertEquals(s.lastGood(), kernels.get(5));
        assertTrue(s.kernelsTested() <= (long) Math.ceil(Math.log(8) / Math.log(2)) + 2, log.toString());
        assertFalse(Files.exists(root.resolve("state/kernels")), "nothing was built");
    }
}
