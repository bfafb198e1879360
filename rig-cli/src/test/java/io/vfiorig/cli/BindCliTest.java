package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** The binding and vm commands' usage paths: clear one-line errors, exit 2, nothing changed (no VM, no sysfs writes). */
public class BindCliTest {
    @Test
    public void bindTakesOnlyVfioDevices() {
        RigRunner.Outcome o = RigRunner.rig(null, "run", "--device", "sim", "--bind");
        assertEquals(o.exit(), 2, o.err());
        assertTrue(o.err().contains("--bind takes vfio:BDF devices; 'sim' is not one"), o.err());
    }

    @Test
    public void aDeviceNotAllowedIsRefusedWithTheFixAndNoJournal() throws Exception {
        Path state = RigRunner.tempDir("bind").resolve("bindings");
        RigRunner.Outcome o = RigRunner.rig(null, "run", "--device", "vfio:0000:00:00.0", "--bind", "--allow", "0000:00:01.0",
                "--state", state.toString());
        assertEquals(o.exit(), 2, o.err());
        assertTrue(o.err().contains("refused to bind to vfio-pci (nothing was changed)")
                && o.err().contains("0000:00:00.0: not in the allow-list") && o.err().contains("add --allow 0000:00:00.0"), o.err());
        assertFalse(Files.exists(state), "nothing journaled");
    }

    @Test
    public void theInventoryAllowsItsHostsDevices() throws Exception {
        Path inv = Path.of("").toAbsolutePath().getParent().resolve("inventory.yaml");
        Path state = RigRunner.tempDir("bind").resolve("bindings");
        RigRunner.Outcome other = RigRunner.rig(null, "run", "--device", "vfio:0000:00:00.0", "--bind", "--inventory",
                inv.toString(), "--host", "lab-host-01", "--state", state.toString());
        assertTrue(other.err().contains("not in the allow-list [0000:3b:00.0]"), other.err());
        RigRunner.Outcome noHost = RigRunner.rig(null, "run", "--device", "vfio:0000:3b:00.0", "--bind", "--inventory",
                inv.toString(), "--host", "nowhere", "--state", state.toString());
        assertEquals(noHost.exit(), 2);
        assertTrue(noHost.err().contains("has no host 'nowhere'; pass --host NAME (hosts: lab-host-01"), noHost.err());
    }

    @Test
    public void restoreWithoutAJournalHasNothingToDo() throws Exception {
        Path state = RigRunner.tempDir("restore").resolve("bindings");
        RigRunner.Outcome o = RigRunner.rig(null, "restore", "--state", state.toString());
        assertEquals(o.exit(), 0, o.err());
        assertTrue(o.out().contains("nothing to restore: no journal at " + state), o.out());
    }

    @Test
    public void restoreNamesTheBadLineOfAJournal() throws Exception {
        Path state = RigRunner.tempDir("restore").resolve("bindings");
        Files.writeString(state, "# journal\n0000:01:00.0 virtio-pci\n");
        RigRunner.Outcome o = RigRunner.rig(null, "restore", "--state", state.toString());
        assertEquals(o.exit(), 2, o.err());
        assertTrue(o.err().startsWith("rig restore: " + state + ":2: expected 6 fields"), o.err());
    }

    @Test
    public void vmExplainsItselfAndListsKernels() {
        RigRunner.Outcome help = RigRunner.rig(null, "vm", "--help");
        assertEquals(help.exit(), 0);
        assertTrue(help.out().contains("kernels") && help.out().contains("boot") && help.out().contains("run"), help.out());
        RigRunner.Outcome kernels = RigRunner.rig(null, "vm", "kernels");
        assertEquals(kernels.exit(), 0, kernels.err());
        assertTrue(kernels.out().contains("debian:7.3") && kernels.out().contains("suite trixie-backports"), kernels.out());
        RigRunner.Outcome bad = RigRunner.rig(null, "vm", "boot", "--kernel", "/nonexistent", "--device", "bogus");
        assertEquals(bad.exit(), 2);
        assertTrue(bad.err().contains("unknown guest device 'bogus'"), bad.err());
    }
}
