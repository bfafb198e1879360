package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * {@code rig demo}: controller and agent in one process, the smoke suite on the sim ordered by the
 * controller, reports written, summary printed, every result in the controller's store.
 */
public class DemoTest {
    @Test
    public void demoRunsSmokeOnTheSimAndWritesEveryReport() throws Exception {
        Path dir = RigRunner.tempDir("demo");
        RigRunner.Outcome o = RigRunner.rig(dir, "demo", "--out", dir.toString());
        assertEquals(o.exit(), 0, o.out() + o.err());
        for (String f : new String[] {"results.json", "junit.xml", "results.ktap", "events.jsonl"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(o.results().tests().size(), 6);
        assertTrue(o.out().contains("6 tests: 6 passed"), o.out());
        // Through the real stream: the results in the store are the ones in results.json.
        RunResults r = o.results();
        try (ResultStore store = ResultStore.open("jdbc:sqlite:" + dir.resolve("controller/results.db"))) {
            assertEquals(store.tests(DemoCommand.HOST, r.runId()), r.tests());
            assertEquals(store.run(DemoCommand.HOST, r.runId()).orElseThrow().end().status(), "passed");
        }
        assertTrue(o.out().contains("store: 6 of 6 results"), o.out());
    }
}
