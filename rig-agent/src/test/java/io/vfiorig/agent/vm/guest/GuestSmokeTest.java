package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The real vfio path end to end: boots the shared 7.3.4 kernel with an edu and an ivshmem device
 * under QEMU and runs the smoke suite in the guest's probe JVM through {@link GuestProbe}: on edu
 * three times (the API picked automatically, cdev forced, group forced), and once on ivshmem's
 * 16 MiB RAM BAR, where faults must be 2 MiB (PMD) ones. One boot for the class (TCG: 1-2 minutes
 * at half the smoke durations).
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
        GuestProbe probe = new GuestProbe(GuestTestKernel.require(), ProbeClasspath.get());
        Path out = GuestTestKernel.repoRoot().resolve("rig-agent/target/vm-test/guest-smoke");
        long t0 = System.nanoTime();
        outcome = probe.run(new ProbeRequest("smoke", DEVICES, out, Duration.ofSeconds(240),
                Map.of("rig.duration.scale", "0.5")), new ProbeListener() {
                    @Override
                    public void result(TestResult r) {
                        System.out.printf("%6.1f s %s %s %s%n", (System.nanoTime() - t0) / 1e9, r.status(), r.test(),
                                r.device());
                    }
                });
        System.out.printf("guest smoke: %d results, %s, %.1f s%n", outcome.results().size(), outcome.infraErrors(),
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    public void theGuestRanTheWholeSuiteOnEveryPathWithoutInfrastructureErrors() {
        assertEquals(outcome.infraErrors(), List.of());
        assertEquals(outcome.exitCode(), 0);
        assertEquals(outcome.results().size(), SMOKE_TESTS * DEVICES.size(), names());
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
        for (TestResult r : outcome.results()) {
            assertEquals(r.status(), TestStatus.PASS, r.test() + " on " + r.device() + ": " + r.message()
                    + " broken: " + r.brokenInvariants());
        }
        for (String device : DEVICES) {
            for (Invariant inv : Invariant.values()) {
                if (inv == Invariant.UAPI_ANSWER) {
                    continue; // the vfio-series suite's invariant (GuestSeriesTest), not the smoke suite's
                }
                boolean exercised = of(device).stream().flatMap(r -> r.invariants().stream())
                        .anyMatch(o -> o.invariant().equals(inv.id()) && o.status() == InvariantOutcome.Status.PASS);
                assertTrue(exercised, inv.id() + " never exercised on " + device);
            }
        }
    }

    @Test
    public void revokeObservesSigbusThenRecovery() {
        for (String device : DEVICES) {
            TestResult r = one(device, "RevokeUnderLoadTest.revokeUnderLoad");
            assertTrue(r.counters().get("sigbus") > 0, device + ": SIGBUS while revoked " + r.counters());
            assertTrue(r.counters().get("disruptions") > 0, device + ": revokes " + r.counters());
            assertTrue(r.counters().get("accesses_while_revoked") > 0, device + ": " + r.counters());
            assertEquals(status(r, Invariant.NO_ACCESS_WHILE_REVOKED), InvariantOutcome.Status.PASS, device);
            assertEquals(status(r, Invariant.ACCESS_RESTORED), InvariantOutcome.Status.PASS, device);
            assertEquals(status(r, Invariant.DATA_CORRECT), InvariantOutcome.Status.PASS,
                    device + ": ID and liveness registers after each restore");
            assertEquals(r.facts().get("disruptor"), "revoke-restore");
        }
    }

    @Test
    public void resetAndCloseWhileMappedKeepTheMappingWorking() {
        for (String device : DEVICES) {
            TestResult reset = one(device, "ResetUnderLoadTest.resetUnderLoad");
            assertTrue(reset.counters().get("disruptions") > 0, device + ": VFIO_DEVICE_RESETs " + reset.counters());
            assertEquals(status(reset, Invariant.DATA_CORRECT), InvariantOutcome.Status.PASS, device);
            TestResult close = one(device, "CloseWhileMappedTest.closeWhileMapped");
            assertEquals(close.counters().get("disruptions"), 1L, device + ": the device fd was closed");
            assertEquals(close.counters().get("sigbus"), 0L, device + ": the mapping holds the device open");
        }
    }

    @Test
    public void eduFaultsInFourKilobytePages() {
        for (String device : EDU) {
            TestResult r = one(device, "HugeFaultOrderTest.hugeFaultOrder");
            assertEquals(r.counters().get("expected_faults"), 256L, device + ": 1 MiB BAR, order 0");
            assertTrue(r.counters().get("faults") >= 256, device + ": " + r.counters());
            assertTrue(r.facts().get("fault_expectation").startsWith("4K"), r.facts().get("fault_expectation"));
        }
    }

    @Test
    public void ivshmemRamFaultsInOnePmdAndKeepsItsPattern() {
        TestResult order = one(IVSHMEM, "HugeFaultOrderTest.hugeFaultOrder");
        assertEquals(order.counters().get("expected_faults"), 1L, order.facts().get("fault_expectation"));
        assertEquals(order.counters().get("faults"), 1L, "one PMD fault for 512 pages: " + order.counters());
        assertTrue(order.facts().get("fault_expectation").startsWith("2M (order 9)"), order.facts().get("fault_expectation"));
        assertEquals(order.facts().get("primary_bar"), "2", "the RAM BAR, not the registers");
        TestResult rw = one(IVSHMEM, "ReadWriteTest.readWrite");
        assertEquals(rw.counters().get("reads_checked"), (16L << 20) / 64, "every 64th byte written and read back");
    }

    @Test
    public void autoPicksCdevAndApiForcesEachPath() {
        assertEquals(one(AUTO, "ReadWriteTest.readWrite").facts().get("vfio.api"), "cdev",
                "this kernel has the cdev: auto picks it");
        TestResult cdev = one(CDEV, "ReadWriteTest.readWrite");
        assertEquals(cdev.facts().get("vfio.api"), "cdev");
        assertTrue(cdev.facts().containsKey("vfio.ioas"), "IOAS allocated and attached: " + cdev.facts());
        TestResult group = one(GROUP, "ReadWriteTest.readWrite");
        assertEquals(group.facts().get("vfio.api"), "group");
        assertEquals(group.facts().get("vfio.iommu_type"), "type1v2(3)");
        assertEquals(group.facts().get("vfio.config_offset"), "0x70000000000", "CONFIG region offset as reported");
    }

    private List<TestResult> of(String device) {
        return outcome.results().stream().filter(r -> r.device().equals(device)).toList();
    }

    private TestResult one(String device, String test) {
        return of(device).stream().filter(r -> r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + " on " + device + "; got " + names()));
    }

    private static InvariantOutcome.Status status(TestResult r, Invariant inv) {
        return r.invariants().stream().filter(o -> o.invariant().equals(inv.id())).map(InvariantOutcome::status)
                .findFirst().orElseThrow(() -> new AssertionError(inv.id() + " missing in " + r.test()));
    }

    private String names() {
        return outcome.results().stream().map(r -> r.test() + "@" + r.device() + "=" + r.status())
                .collect(Collectors.joining(", "));
    }
}
