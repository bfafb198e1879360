package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.vm.guest.GuestProbe;
import java.util.List;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The real vfio path end to end: boots the shared 7.3.4 kernel with an edu and an ivshmem device
 * under QEMU and runs the smoke suite in the guest's probe JVM through {@link GuestProbe}: on edu
 * three times (the API picked automatically, cdev forced, group forced), and once on ivshmem's
 * 16 MiB RAM BAR, where faults must be 2 MiB (PMD) ones. One boot for the class (TCG: 1-2 minutes
 * at half the smoke durations). The probe's class path is this JVM's, shared into the guest as
 * {@code rig run --device vm:...} shares it.
 */
public class GuestSmokeTest {
    static final String AUTO = "vm:edu";
    static final String CDEV = "vm:edu,api=cdev";
    static final String GROUP = "vm:edu,api=group";
    static final String IVSHMEM = "vm:ivshmem:16M";
    static final List<String> EDU = List.of(AUTO, CDEV, GROUP);
    static final List<String> DEVICES = List.of(AUTO, CDEV, GROUP, IVSHMEM);
    static final int SMOKE_TESTS = 6;

    private ProbeOutcome outcome;

    @BeforeClass
    public void runSmokeInTheGuest() throws Exception {
        outcome = GuestSmoke.run(GuestProbe.forCurrentClassPath(VmKernels.shared()), DEVICES, 0.5, "guest-smoke");
    }

    @Test
    public void theGuestRanTheWholeSuiteOnEveryPathWithoutInfrastructureErrors() {
        assertEquals(outcome.infraErrors(), List.of());
        assertEquals(outcome.exitCode(), 0);
        assertEquals(outcome.results().size(), SMOKE_TESTS * DEVICES.size(), GuestSmoke.names(outcome));
    }

    @Test
    public void resultsCarryTheGuestKernelAndTheVfioBackend() {
        assertEquals(outcome.environment().kernelRelease(), "7.3.4", "the guest's uname -r");
        for (TestResult r : outcome.results()) {
            assertEquals(r.backend(), "vfio", r.test() + " on " + r.device());
            assertTrue(DEVICES.contains(r.device()), "named as asked: " + r.device());
            if (!r.facts().isEmpty() && r.status() != TestStatus.ERROR) {
                assertEquals(r.facts().get("kernel"), "7.3.4", r.test());
            }
        }
    }

    @Test
    public void everyInvariantHoldsAndIsExercisedOnEveryPath() {
        GuestSmoke.everyInvariantHoldsAndIsExercised(outcome, DEVICES);
    }

    @Test
    public void revokeObservesSigbusThenRecovery() {
        GuestSmoke.revokeObservesSigbusThenRecovery(outcome, DEVICES);
    }

    @Test
    public void resetAndCloseWhileMappedKeepTheMappingWorking() {
        for (String device : DEVICES) {
            TestResult reset = GuestSmoke.one(outcome, device, "ResetUnderLoadTest.resetUnderLoad");
            assertTrue(reset.counters().get("disruptions") > 0, device + ": VFIO_DEVICE_RESETs " + reset.counters());
            assertEquals(GuestSmoke.status(reset, Invariant.DATA_CORRECT), InvariantOutcome.Status.PASS, device);
            TestResult close = GuestSmoke.one(outcome, device, "CloseWhileMappedTest.closeWhileMapped");
            assertEquals(close.counters().get("disruptions"), 1L, device + ": the device fd was closed");
            assertEquals(close.counters().get("sigbus"), 0L, device + ": the mapping holds the device open");
        }
    }

    @Test
    public void eduFaultsInFourKilobytePages() {
        for (String device : EDU) {
            TestResult r = GuestSmoke.one(outcome, device, "HugeFaultOrderTest.hugeFaultOrder");
            assertEquals(r.counters().get("expected_faults"), 256L, device + ": 1 MiB BAR, order 0");
            assertTrue(r.counters().get("faults") >= 256, device + ": " + r.counters());
            assertTrue(r.facts().get("fault_expectation").startsWith("4K"), r.facts().get("fault_expectation"));
        }
    }

    @Test
    public void ivshmemRamFaultsInOnePmdAndKeepsItsPattern() {
        TestResult order = GuestSmoke.one(outcome, IVSHMEM, "HugeFaultOrderTest.hugeFaultOrder");
        assertEquals(order.counters().get("expected_faults"), 1L, order.facts().get("fault_expectation"));
        assertEquals(order.counters().get("faults"), 1L, "one PMD fault for 512 pages: " + order.counters());
        assertTrue(order.facts().get("fault_expectation").startsWith("2M (order 9)"), order.facts().get("fault_expectation"));
        assertEquals(order.facts().get("primary_bar"), "2", "the RAM BAR, not the registers");
        TestResult rw = GuestSmoke.one(outcome, IVSHMEM, "ReadWriteTest.readWrite");
        assertEquals(rw.counters().get("reads_checked"), (16L << 20) / 64, "every 64th byte written and read back");
    }

    @Test
    public void autoPicksCdevAndApiForcesEachPath() {
        assertEquals(GuestSmoke.one(outcome, AUTO, "ReadWriteTest.readWrite").facts().get("vfio.api"), "cdev",
                "this kernel has the cdev: auto picks it");
        TestResult cdev = GuestSmoke.one(outcome, CDEV, "ReadWriteTest.readWrite");
        assertEquals(cdev.facts().get("vfio.api"), "cdev");
        assertTrue(cdev.facts().containsKey("vfio.ioas"), "IOAS allocated and attached: " + cdev.facts());
        TestResult group = GuestSmoke.one(outcome, GROUP, "ReadWriteTest.readWrite");
        assertEquals(group.facts().get("vfio.api"), "group");
        assertEquals(group.facts().get("vfio.iommu_type"), "type1v2(3)");
        assertEquals(group.facts().get("vfio.config_offset"), "0x70000000000", "CONFIG region offset as reported");
    }
}
