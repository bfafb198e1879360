package io.vfiorig.agent.device.bind;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.device.pci.PciSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The refusal rules, the journal and the all-or-nothing walk back, on a fake sysfs/procfs tree.
 * (The real binding, SIGKILL and restore run in the guest: GuestBindingTest in rig-cli.)
 */
public class SafeBinderTest {
    static final String NIC = "0000:01:00.0";
    static final String STORAGE = "0000:02:00.0";
    static final String DISK_FN = "0000:02:00.1";
    static final String DISPLAY = "0000:03:00.0";
    static final String FREE = "0000:04:00.0";
    static final String BROKEN = "0000:05:00.0";

    private FakeSysfs fake;
    private SafeBinder binder;
    private BindJournal journal;

    @BeforeMethod
    public void host() throws IOException {
        fake = new FakeSysfs();
        fake.nic(fake.device(NIC, "virtio-pci", 1), "eth0");
        fake.append("net/route", "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF");
        fake.device(STORAGE, "", 2);
        fake.disk(fake.device(DISK_FN, "ahci", 2), "sda", "sda1");
        fake.append("mounts", "/dev/sda1 /data ext4 rw,relatime 0 0");
        Files.writeString(fake.device(DISPLAY, "bochs-drm", 3).resolve("boot_vga"), "1\n");
        fake.device(FREE, "", 4);
        Path broken = fake.device(BROKEN, "", 5);
        Files.delete(broken.resolve("driver_override"));
        Files.createDirectory(broken.resolve("driver_override")); // every write to it fails
        journal = new BindJournal(fake.root.resolve("run/bindings"));
        Map<String, List<String>> addrs = Map.of("eth0", List.of("10.0.2.2/24"));
        binder = new SafeBinder(new PciSysfs(fake.sys), fake.proc, journal, n -> addrs.getOrDefault(n, List.of()));
    }

    @AfterMethod(alwaysRun = true)
    public void cleanUp() throws IOException {
        fake.close();
    }

    @Test
    public void aDeviceNotAllowedIsRefusedEvenWhenForced() throws Exception {
        List<Refusal> r = binder.check(List.of(FREE), new BindPolicy(Set.of(NIC), Set.of(FREE)));
        assertEquals(r.size(), 1);
        assertTrue(r.getFirst().reason().startsWith("not in the allow-list"), r.toString());
        assertTrue(r.getFirst().fix().contains("--allow " + FREE), r.toString());
        assertFalse(r.getFirst().forcible());
    }

    @Test
    public void aDeviceReportingAnotherIdThanTheInventoryExpectsIsRefused() throws Exception {
        List<Refusal> r = binder.check(List.of(FREE, NIC), new BindPolicy(Set.of(FREE, NIC), Set.of(NIC),
                Map.of(FREE, "8086:0B25", NIC, "1af4:1041")));
        assertEquals(r.size(), 1, r.toString());
        assertEquals(r.getFirst().reason(), "reports 1af4:1041 but the inventory expects 8086:0b25");
    }

    @Test
    public void aMountedFileSystemAnywhereInTheGroupIsRefusedUnlessForced() throws Exception {
        List<Refusal> r = binder.check(List.of(STORAGE), BindPolicy.allowing(Set.of(STORAGE)));
        assertEquals(r.size(), 1, r.toString());
        assertEquals(r.getFirst().reason(), "block device sda1 of " + DISK_FN + " is mounted on /data (same IOMMU group 2)");
        assertTrue(r.getFirst().forcible() && r.getFirst().fix().contains("--force " + STORAGE), r.toString());
        assertEquals(binder.check(List.of(STORAGE), new BindPolicy(Set.of(STORAGE), Set.of(STORAGE))), List.of());
    }

    @Test
    public void aNicWithAnAddressOrRouteIsRefused() throws Exception {
        List<String> why = binder.check(List.of(NIC), BindPolicy.allowing(Set.of(NIC))).stream().map(Refusal::reason).toList();
        assertEquals(why, List.of("network interface eth0 of " + NIC + " has address 10.0.2.2/24",
                "network interface eth0 of " + NIC + " carries route 10.0.2.0/24"));
    }

    @Test
    public void theBootDisplayIsRefused() throws Exception {
        List<Refusal> r = binder.check(List.of(DISPLAY), BindPolicy.allowing(Set.of(DISPLAY)));
        assertEquals(r.getFirst().reason(), DISPLAY + " is the boot display (boot_vga=1)");
    }

    @Test
    public void aRefusalChangesNothing() throws Exception {
        BindRefusedException e = expectThrows(BindRefusedException.class,
                () -> binder.bind(List.of(FREE, NIC), BindPolicy.allowing(Set.of(FREE, NIC))));
        assertTrue(e.getMessage().contains("nothing was changed") && e.getMessage().contains("eth0"), e.getMessage());
        assertFalse(Files.exists(journal.file()), "no journal written");
        assertEquals(Files.readString(fake.sys.resolve("bus/pci/devices").resolve(FREE).resolve("driver_override")), "(null)\n");
        assertEquals(Files.readString(fake.sys.resolve("bus/pci/drivers_probe")), "");
    }

    @Test
    public void theJournalIsWrittenBeforeSysfsAndKeptWhenTheWalkBackFails() throws Exception {
        IOException e = expectThrows(IOException.class, () -> binder.bind(List.of(BROKEN), BindPolicy.allowing(Set.of(BROKEN))));
        assertTrue(e.getMessage().contains("driver_override") && e.getMessage().contains("journal keeps the line"), e.getMessage());
        JournalEntry left = journal.find(BROKEN).orElseThrow();
        assertEquals(left.driver(), "");
        assertEquals(left.ownerPid(), ProcessHandle.current().pid());
    }

    @Test
    public void aBindThatDoesNotTakeIsWalkedBack() throws Exception {
        // a fake tree has no kernel: drivers_probe does not bind, so the binder must undo what it did
        IOException e = expectThrows(IOException.class, () -> binder.bind(List.of(FREE), BindPolicy.allowing(Set.of(FREE))));
        assertTrue(e.getMessage().contains("not vfio-pci") && e.getMessage().contains("back on no driver"), e.getMessage());
        assertEquals(Files.readString(fake.sys.resolve("bus/pci/drivers_probe")), FREE, "the probe was asked");
        assertEquals(new PciSysfs(fake.sys).find(FREE).orElseThrow().driverOverride(), "", "override cleared again");
        assertFalse(Files.exists(journal.file()), "journal line dropped once restored");
    }

    @Test
    public void leftoversOfADeadRigAreRestoredAndThoseOfALiveOneAreLeftAlone() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        long parentStart = parent.info().startInstant().orElseThrow().toEpochMilli();
        try (BindJournal.Lock l = journal.lock()) {
            journal.record(new JournalEntry(FREE, "", "", dead.pid(), 1, Instant.now()));
            journal.record(new JournalEntry(STORAGE, "", "", parent.pid(), parentStart, Instant.now()));
        }
        List<Refusal> taken = binder.check(List.of(STORAGE), new BindPolicy(Set.of(STORAGE), Set.of(STORAGE)));
        assertTrue(taken.getFirst().reason().startsWith("already taken by rig pid " + parent.pid()), taken.toString());

        List<RestoreOutcome> out = binder.restoreAll(false);
        assertEquals(out.size(), 2, out.toString());
        assertTrue(out.stream().anyMatch(o -> o.bdf().equals(FREE) && o.restored()), out.toString());
        assertTrue(out.stream().anyMatch(o -> o.bdf().equals(STORAGE) && !o.restored() && o.message().contains("still runs")),
                out.toString());
        assertEquals(journal.read().stream().map(JournalEntry::bdf).toList(), List.of(STORAGE));
    }

    @Test
    public void theNextBindFirstRestoresWhatADeadRigLeft() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        try (BindJournal.Lock l = journal.lock()) {
            journal.record(new JournalEntry(FREE, "", "", dead.pid(), 1, Instant.now()));
        }
        try (BindSession s = binder.bind(List.of(), BindPolicy.allowing(Set.of()))) {
            assertEquals(s.recovered(), List.of(new RestoreOutcome(FREE, true, "back on no driver (driver_override none) (was already)")));
            assertEquals(s.bound(), List.of());
        }
        assertFalse(Files.exists(journal.file()));
    }

    @Test
    public void journalRoundTripKeepsTheFirstOriginalAndNamesBadLines() throws Exception {
        Instant t = Instant.parse("2026-11-25T19:40:00Z");
        try (BindJournal.Lock l = journal.lock()) {
            journal.record(new JournalEntry(NIC, "virtio-pci", "", 7, 8, t));
            journal.record(new JournalEntry(NIC, "vfio-pci", "vfio-pci", 9, 10, t)); // a second take: first original wins
            journal.record(new JournalEntry(FREE, "", "vfio-pci", 7, 8, t));
        }
        assertEquals(Files.readString(journal.file()), BindJournal.HEADER + "\n"
                + NIC + " virtio-pci - 7 8 2026-11-25T19:40:00Z\n"
                + FREE + " - vfio-pci 7 8 2026-11-25T19:40:00Z\n");
        assertEquals(journal.read().getFirst(), new JournalEntry(NIC, "virtio-pci", "", 7, 8, t));
        try (BindJournal.Lock l = journal.lock()) {
            journal.forget(NIC);
            journal.forget(FREE);
        }
        assertFalse(Files.exists(journal.file()), "an empty journal is removed");

        Files.writeString(journal.file(), BindJournal.HEADER + "\n0000:01:00.0 virtio-pci - 7\n");
        JournalException bad = expectThrows(JournalException.class, journal::read);
        assertTrue(bad.getMessage().startsWith(journal.file() + ":2: expected 6 fields"), bad.getMessage());
        assertTrue(bad.getMessage().contains("fix:"), bad.getMessage());
    }
}
