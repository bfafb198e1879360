package io.vfiorig.controller.bisect;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.inventory.Thresholds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** A bisection killed with SIGKILL mid-way resumes from its state file and tests no kernel twice (≈ 10 s). */
public class BisectResumeTest {
    @Test
    public void killedBisectResumesWhereItStopped() throws Exception {
        Path root = Files.createTempDirectory("bisect-kill-");
        SyntheticHistory h = SyntheticHistory.create(root, BisectEngineTest.clean());
        Path state = root.resolve("state");
        Path planFile = root.resolve("plan.json");
        Files.write(planFile, ResultsJson.mapper().writeValueAsBytes(h.plan(0, 16)));
        String runCmd = h.runCmd(0.4); // slow enough to be killed mid-step
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BisectChild.class.getName(), state.toString(), planFile.toString(), runCmd)
                .redirectErrorStream(true).redirectOutput(root.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int steps = 0;
        while (steps < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            Optional<BisectState> s = StateFile.load(state);
            steps = s.map(x -> x.steps().size()).orElse(0);
        }
        assertTrue(child.isAlive(), "the child must still be bisecting when killed:\n" + Files.readString(root.resolve("child.log")));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no goodbye
        BisectState killed = StateFile.load(state).orElseThrow();
        assertEquals(killed.status(), BisectState.RUNNING);
        assertTrue(killed.steps().size() >= 3 && killed.steps().size() < 6, killed.steps().toString());

        StringWriter log = new StringWriter();
        BisectState s = new BisectEngine(state, new CommandExecution(h.runCmd(0), "smoke", "vm:synthetic", Duration.ofMinutes(1)),
                Thresholds.DEFAULT, new PrintWriter(log, true)).run(null);
        assertEquals(s.status(), BisectState.DONE, s.message() + "\n" + log);
        assertEquals(s.culprit(), h.commits.get(BisectEngineTest.CULPRIT), log.toString());
        assertTrue(log.toString().startsWith("resuming"), log.toString());
        List<String> revs = s.steps().stream().map(StepRecord::rev).toList();
        assertEquals(revs.stream().distinct().count(), revs.size(), "no kernel tested twice: " + revs);
        assertEquals(s.steps().subList(0, killed.steps().size()), killed.steps(), "the steps before the kill are kept as they were");
        assertTrue(s.kernelsTested() <= 6, s.steps().toString());
    }
}
