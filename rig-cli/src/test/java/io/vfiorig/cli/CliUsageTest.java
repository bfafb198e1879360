package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** Bad input gets a clear error, exit code 2, and changes nothing. */
public class CliUsageTest {
    @Test
    public void helpExplainsEverySubcommand() {
        RigRunner.Outcome o = RigRunner.rig(null, "--help");
        assertEquals(o.exit(), 0);
        for (String sub : new String[] {"run", "demo", "devices"}) {
            assertTrue(o.out().contains(sub), o.out());
        }
        RigRunner.Outcome run = RigRunner.rig(null, "run", "--help");
        assertTrue(run.out().contains("--device") && run.out().contains("stale-mapping") && run.out().contains("Exit code"),
                run.out());
    }

    @Test
    public void unknownBugIsRefusedBeforeAnythingStarts() throws Exception {
        Path out = RigRunner.tempDir("usage").resolve("never");
        RigRunner.Outcome o = RigRunner.rig(out, "run", "--device", "sim:bug=typo", "--out", out.toString());
        assertEquals(o.exit(), 2);
        assertTrue(o.err().contains("unknown sim bug 'typo'") && o.err().contains("stale-mapping"), o.err());
        assertFalse(Files.exists(out), "a refused run must not create its output directory");
    }

    @Test
    public void unknownBackendAndSuiteNameTheChoices() {
        RigRunner.Outcome backend = RigRunner.rig(null, "run", "--device", "pcie:0000:01:00.0");
        assertEquals(backend.exit(), 2);
        assertTrue(backend.err().contains("unknown device backend 'pcie'") && backend.err().contains("known: sim"),
                backend.err());
        RigRunner.Outcome suite = RigRunner.rig(null, "run", "--device", "sim", "--suite", "weekly");
        assertEquals(suite.exit(), 2);
        assertTrue(suite.err().contains("unknown suite 'weekly'") && suite.err().contains("smoke"), suite.err());
    }

    @Test
    public void missingRequiredOptionIsAUsageError() {
        RigRunner.Outcome o = RigRunner.rig(null, "run");
        assertEquals(o.exit(), 2);
        assertTrue(o.err().contains("--device"), o.err());
    }

    @Test
    public void devicesListsTheSimAndItsBugs() {
        RigRunner.Outcome o = RigRunner.rig(null, "devices");
        assertEquals(o.exit(), 0, o.err());
    }

    @Test
    public void inventoryCheckAcceptsTheSampleAndNamesTheLineOfABadValue() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        RigRunner.Outcome ok = RigRunner.rig(null, "inventory", "check", repo.resolve("inventory.yaml").toString());
        assertEquals(ok.exit(), 0, ok.err());
        assertTrue(ok.out().contains("lab example-lab"), ok.out());
        Path bad = RigRunner.tempDir("inv").resolve("inventory.yaml");
        Files.writeString(bad, Files.readString(repo.resolve("inventory.yaml")).replace("Europe/Berlin", "Europe/Berln"));
        RigRunner.Outcome no = RigRunner.rig(null, "inventory", "check", bad.toString());
        assertEquals(no.exit(), 2);
        assertTrue(no.err().contains("inventory.yaml:") && no.err().contains("did you mean 'Europe/Berlin'"), no.err());
    }

    @Test
    public void reportRefusesWhatIsNotAResultsFileAndWritesNothing() throws Exception {
        Path dir = RigRunner.tempDir("report");
        RigRunner.Outcome missing = RigRunner.rig(dir, "report", dir.toString());
        assertEquals(missing.exit(), 2);
        assertTrue(missing.err().contains("results.json: no such results file") && missing.err().contains("rig run"),
                missing.err());
        Files.writeString(dir.resolve("results.json"), "{\"tests\": []}");
        RigRunner.Outcome malformed = RigRunner.rig(dir, "report", dir.toString());
        assertEquals(malformed.exit(), 2);
        assertTrue(malformed.err().contains("no schemaVersion field"), malformed.err());
        RigRunner.Outcome help = RigRunner.rig(dir, "report", "--help");
        assertTrue(help.out().contains("--kcidb") && help.out().contains("RESULTS_JSON|RUN_DIR"), help.out());
        RigRunner.Outcome noOut = RigRunner.rig(dir, "report", "--store", "jdbc:sqlite:" + dir.resolve("s.db"), "run-1");
        assertEquals(noOut.exit(), 2);
        assertTrue(noOut.err().contains("--html OUT and/or --kcidb OUT"), noOut.err());
        assertFalse(Files.exists(dir.resolve("report.html")), "nothing written for bad input");
    }
}
