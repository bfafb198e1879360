package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/** The sample lab at the top of the repository loads, with exactly the values it says. */
public class SampleInventoryTest {
    private final Inventory inv = load();

    private static Inventory load() {
        try {
            return InventoryLoader.load(Repo.sample());
        } catch (InventoryException e) {
            throw new AssertionError("the sample inventory.yaml must load:\n" + e.getMessage());
        }
    }

    @Test
    public void labAndVersion() {
        assertEquals(inv.version(), Inventory.FORMAT_VERSION);
        assertEquals(inv.lab(), "example-lab");
    }

    @Test
    public void hostWithItsDevice() {
        assertEquals(inv.hosts().size(), 1);
        Host h = inv.hosts().getFirst();
        assertEquals(h.name(), "lab-host-01");
        assertEquals(h.address(), "lab-host-01.example.net");
        assertEquals(h.agentIdentity(), "lab-host-01", "the CN alone, as a client certificate carries it");
        assertEquals(h.devices().size(), 1);
        HostDevice d = h.devices().getFirst();
        assertEquals(d.bdf(), new PciAddress(0, 0x3b, 0, 0));
        assertEquals(d.bdf().toString(), "0000:3b:00.0");
        assertEquals(d.expect(), new PciId(0x8086, 0x0b25));
        assertEquals(d.label(), "dsa-0");
        assertEquals(d.suites(), List.of("smoke", "nightly"));
        assertEquals(d.iommuGroupNotes(), Optional.of("alone in group 41"));
        assertEquals(inv.host("lab-host-01"), Optional.of(h));
    }

    @Test
    public void virtualHost() {
        assertEquals(inv.virtualHosts().size(), 1);
        VirtualHost vm = inv.virtualHosts().getFirst();
        assertEquals(vm.name(), "vm-edu");
        assertEquals(vm.kernel(), new KernelSource.Debian("7.3"));
        assertEquals(vm.devices(), List.of(new EmulatedDevice("edu", 0), new EmulatedDevice("ivshmem-plain", 256L << 20)));
        assertEquals(vm.devices().get(1).spec(), "ivshmem-plain:256M");
        assertEquals(vm.devices().getFirst().pciId(), "1234:11e8");
        assertEquals(vm.suites(), List.of("smoke", "nightly"));
        assertEquals(vm.runsOn(), Optional.empty());
    }

    @Test
    public void simulatedAndSuites() {
        assertEquals(inv.simulated(), List.of(new SimulatedDevice("sim", List.of("smoke", "nightly", "soak"))));
        assertEquals(inv.suites(), List.of(new Suite("soak", "nightly", 4.0, Optional.of("weekend soak, four times as long as nightly"))));
        assertEquals(inv.suite("soak").orElseThrow().base(), "nightly");
        assertTrue(inv.suite("smoke").orElseThrow().builtIn());
        assertEquals(inv.suite("nope"), Optional.empty());
    }

    @Test
    public void nightlySchedule() {
        NightlySchedule n = inv.schedule().orElseThrow().nightly();
        assertEquals(n.cron().toString(), "0 2 * * *");
        assertEquals(n.timeZone(), ZoneId.of("Europe/Berlin"));
        assertEquals(n.suites(), List.of("nightly"));
        assertEquals(n.targets(), List.of(new Target.OnHost("lab-host-01"), new Target.OnVirtualHost("vm-edu"),
                new Target.OnSimulated("sim")));
        assertTrue(n.cron().matches(LocalDateTime.of(2026, 3, 29, 2, 0)));
        assertFalse(n.cron().matches(LocalDateTime.of(2026, 3, 29, 2, 1)));
    }

    @Test
    public void baselinesThresholdsRetention() {
        assertEquals(inv.baselines(), List.of(new Baseline("8086:0b25", "nightly", "latest-good"),
                new Baseline("sim", "nightly", "latest-good")));
        assertTrue(inv.baselines().getFirst().latestGood());
        assertEquals(inv.thresholds().defaults(), new Threshold(0.10, 0.95));
        assertEquals(inv.thresholds().forMetric("p99"), new Threshold(0.05, 0.99));
        assertEquals(inv.thresholds().forMetric("max"), new Threshold(0.10, 0.95), "metrics without an entry use the default");
        assertEquals(inv.retention(), new Retention(90));
    }

    @Test
    public void loadingTextGivesTheSameLab() throws Exception {
        assertEquals(InventoryLoader.parse(Repo.sampleText(), "inventory.yaml"), inv);
    }

    @Test
    public void smallestLabUsesDefaults() throws Exception {
        Inventory min = InventoryLoader.parse("version: 1\nlab: my-laptop\nsimulated: [{device: sim}]\n", "inventory.yaml");
        assertEquals(min.simulated(), List.of(new SimulatedDevice("sim", Suite.DEFAULT_ALLOWED)));
        assertEquals(min.schedule(), Optional.empty());
        assertEquals(min.thresholds(), Thresholds.DEFAULT);
        assertEquals(min.retention(), Retention.DEFAULT);
        assertEquals(min.hosts(), List.of());
    }
}
