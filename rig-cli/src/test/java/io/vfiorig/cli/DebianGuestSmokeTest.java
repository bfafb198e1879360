package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.vm.guest.GuestKernels;
import io.vfiorig.agent.vm.guest.GuestProbe;
import java.util.List;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The smoke suite on edu under Debian's packaged 7.3 kernel, as users get it with
 * {@code --kernel debian:7.3}: fetched through apt on the machine's mirror (once, into
 * ~/.cache/vfio-rig/kernels), booted with its own modules. No iommufd there, so the group API.
 * One boot (TCG: ≈ 1 min; the first fetch adds ≈ 10 s). Full smoke durations: with one device there is
 * time for them, and more revoke windows for accesses to land in.
 */
public class DebianGuestSmokeTest {
    static final String KERNEL = "debian:7.3";
    static final List<String> DEVICES = List.of("vm:edu");

    private ProbeOutcome outcome;

    @BeforeClass
    public void runSmokeOnDebiansKernel() throws Exception {
        outcome = GuestSmoke.run(GuestProbe.forCurrentClassPath(GuestKernels.resolve(KERNEL)), DEVICES, 1.0, "debian-smoke");
    }

    @Test
    public void theWholeSuiteRanOnDebians73WithTheGroupApi() {
        assertEquals(outcome.infraErrors(), List.of());
        assertEquals(outcome.exitCode(), 0);
        assertEquals(outcome.results().size(), 6, GuestSmoke.names(outcome));
        assertTrue(outcome.environment().kernelRelease().matches("7\\.3\\.\\d+\\+deb\\d+-amd64"),
                "Debian's uname -r: " + outcome.environment().kernelRelease());
        for (TestResult r : outcome.results()) {
            assertEquals(r.backend(), "vfio", r.test());
            assertTrue(r.facts().get("vm.kernel").startsWith("debian:"), r.facts().toString());
        }
        assertEquals(GuestSmoke.one(outcome, "vm:edu", "ReadWriteTest.readWrite").facts().get("vfio.api"), "group",
                "Debian builds no IOMMUFD: auto falls back to the group API");
    }

    @Test
    public void everyInvariantHoldsAndIsExercised() {
        GuestSmoke.everyInvariantHoldsAndIsExercised(outcome, DEVICES);
    }

    @Test
    public void revokeObservesSigbusThenRecovery() {
        GuestSmoke.revokeObservesSigbusThenRecovery(outcome, DEVICES);
    }
}
