package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code rig demo}: the smoke suite on the sim, reports written, summary printed. */
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
    }
}
