package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code rig regressions} on a store: its output, JSON and exit code (the statistics are tested in rig-controller). */
public class RegressionsCliTest {
    @Test
    public void anEmptyHistoryHasNoOpenRegression() throws Exception {
        Path dir = RigRunner.tempDir("regressions");
        Path json = dir.resolve("regressions.json");
        RigRunner.Outcome o = RigRunner.rig(dir, "regressions", "--db", "jdbc:sqlite:" + dir.resolve("store.db"),
                "--json", json.toString());
        assertEquals(o.exit(), 0, o.err());
        assertTrue(o.out().contains("no open regressions"), o.out());
        assertEquals(Files.readString(json).strip(), "[ ]");
    }

    @Test
    public void theStoreIsRequired() {
        RigRunner.Outcome o = RigRunner.rig(Path.of("."), "regressions");
        assertEquals(o.exit(), 2);
        assertTrue(o.err().contains("--db"), o.err());
    }
}
