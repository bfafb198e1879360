package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class InventoryCheckTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(Path file) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return InventoryCheck.run(file, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    public void sampleGivesTheOneLineSummary() {
        Path sample = Repo.root().relativize(Repo.sample());
        Path file = Repo.root().resolve(sample);
        assertEquals(check(file), 0);
        assertEquals(out.toString(), file + ": lab example-lab, 1 host, 1 device, 1 virtual host, schedule 0 2 * * * Europe/Berlin\n");
        assertEquals(err.toString(), "");
    }

    @Test
    public void pluralsAndNoSchedule() throws Exception {
        Path f = Files.createTempFile("inventory", ".yaml");
        Files.writeString(f, "version: 1\nlab: my-laptop\nsimulated: [{device: sim}]\n");
        assertEquals(check(f), 0);
        assertEquals(out.toString(), f + ": lab my-laptop, 0 hosts, 0 devices, 0 virtual hosts, no schedule\n");
    }

    @Test
    public void invalidPrintsEveryProblemAndExits2() throws Exception {
        Path f = Files.createTempFile("inventory", ".yaml");
        Files.writeString(f, "version: 1\nlab: x\nsimulated: [{device: sim}]\nretention: {runs-days: 0}\ncolour: blue\n");
        assertEquals(check(f), 2);
        assertEquals(out.toString(), "");
        String[] lines = err.toString().split("\n");
        assertEquals(lines.length, 3, err.toString());
        assertTrue(lines[0].startsWith(f + ":4:24: retention.runs-days: 0 is out of range 1..36500 — fix: "), lines[0]);
        assertTrue(lines[1].startsWith(f + ":5:1: colour: unknown key 'colour' — fix: "), lines[1]);
        assertEquals(lines[2], f + ": 2 problems");
    }

    @Test
    public void missingFileExits2() {
        assertEquals(check(Path.of("/nonexistent/inventory.yaml")), 2);
        assertTrue(err.toString().startsWith("/nonexistent/inventory.yaml: (top level): no such file — fix: "), err.toString());
    }
}
