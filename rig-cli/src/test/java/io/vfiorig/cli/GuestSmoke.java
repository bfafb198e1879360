package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.vm.guest.GuestProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The smoke suite in a guest and the checks every guest kernel owes (shared by the guest smoke tests). */
final class GuestSmoke {
    private GuestSmoke() {}

    /**
     * Runs smoke at {@code scale} times its durations on {@code devices}, printing each result as it arrives. The
     * guest deadline is 300 s ({@code -Drig.vm.test.timeout=PT20M} on a host shared by many builds,
     * where TCG guests run several times slower).
     */
    static ProbeOutcome run(GuestProbe probe, List<String> devices, double scale, String name) throws IOException {
        long t0 = System.nanoTime();
        Duration deadline = Duration.parse(System.getProperty("rig.vm.test.timeout", "PT300S"));
        ProbeOutcome outcome = probe.run(new ProbeRequest("smoke", devices, VmKernels.work(name), deadline,
                Map.of("rig.duration.scale", Double.toString(scale))), new ProbeListener() {
                    @Override
                    public void result(TestResult r) {
                        System.out.printf("%6.1f s %s %s %s%n", (System.nanoTime() - t0) / 1e9, r.status(), r.test(), r.device());
                    }
                });
        System.out.printf("%s: %d results, %s, %.1f s%n", name, outcome.results().size(), outcome.infraErrors(),
                (System.nanoTime() - t0) / 1e9);
        return outcome;
    }

    static void everyInvariantHoldsAndIsExercised(ProbeOutcome outcome, List<String> devices) {
        for (TestResult r : outcome.results()) {
            assertEquals(r.status(), TestStatus.PASS, r.test() + " on " + r.device() + ": " + r.message()
                    + " broken: " + r.brokenInvariants());
        }
        for (String device : devices) {
            for (Invariant inv : Invariant.values()) {
                if (inv == Invariant.UAPI_ANSWER) {
                    continue; // the vfio-series suite's invariant (GuestSeriesTest), not the smoke suite's
                }
                boolean exercised = of(outcome, device).stream().flatMap(r -> r.invariants().stream())
                        .anyMatch(o -> o.invariant().equals(inv.id()) && o.status() == InvariantOutcome.Status.PASS);
                assertTrue(exercised, inv.id() + " never exercised on " + device);
            }
        }
    }

    static void revokeObservesSigbusThenRecovery(ProbeOutcome outcome, List<String> devices) {
        for (String device : devices) {
            TestResult r = one(outcome, device, "RevokeUnderLoadTest.revokeUnderLoad");
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

    static List<TestResult> of(ProbeOutcome outcome, String device) {
        return outcome.results().stream().filter(r -> r.device().equals(device)).toList();
    }

    static TestResult one(ProbeOutcome outcome, String device, String test) {
        return of(outcome, device).stream().filter(r -> r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + " on " + device + "; got " + names(outcome)));
    }

    static InvariantOutcome.Status status(TestResult r, Invariant inv) {
        return r.invariants().stream().filter(o -> o.invariant().equals(inv.id())).map(InvariantOutcome::status)
                .findFirst().orElseThrow(() -> new AssertionError(inv.id() + " missing in " + r.test()));
    }

    static String names(ProbeOutcome outcome) {
        return outcome.results().stream().map(r -> r.test() + "@" + r.device() + "=" + r.status())
                .collect(Collectors.joining(", "));
    }
}
