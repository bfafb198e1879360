package io.vfiorig.agent.engine;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.sim.SimDevice;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import io.vfiorig.agent.invariant.InvariantOutcome;
import java.time.Duration;
import org.testng.annotations.Test;

/** The engine on the sim, in-process: classification, disruptors and the watchdog. */
public class HammerRunTest {
    private static final HammerConfig SHORT = HammerConfig.defaults().withThreads(2)
            .withDuration(Duration.ofMillis(800)).withWatchdog(Duration.ofMillis(1500));

    private static HammerOutcome run(String spec, HammerConfig cfg, Disruptor disruptor) {
        try (SimDevice d = new SimDevice(DeviceSpec.parse(spec))) {
            return new HammerRun(d, cfg, disruptor, new InvariantLedger()).execute();
        }
    }

    private static InvariantOutcome outcome(HammerOutcome o, Invariant inv) {
        return o.ledger().outcomes().stream().filter(x -> x.invariant().equals(inv.id())).findFirst().orElseThrow();
    }

    private static Disruptor revokes() {
        return Disruptors.revokeRestore(Duration.ofMillis(30), Duration.ofMillis(30));
    }

    @Test
    public void correctDeviceHoldsEveryInvariantUnderRevokes() {
        HammerOutcome o = run("sim", SHORT, revokes());
        assertEquals(o.ledger().totalViolations(), 0, o.ledger().outcomes().toString());
        assertEquals(outcome(o, Invariant.NO_ACCESS_WHILE_REVOKED).status(), InvariantOutcome.Status.PASS,
                "accesses must have landed inside revoke windows");
        assertEquals(outcome(o, Invariant.DATA_CORRECT).status(), InvariantOutcome.Status.PASS);
        assertTrue(o.counters().get("disruptions") >= 3, o.counters().toString());
        assertTrue(o.counters().get("sigbus") > 0, "revoked accesses must SIGBUS: " + o.counters());
        assertTrue(o.latencies().get(Metric.FAULT).getTotalCount() > 1000);
        assertTrue(o.latencies().get(Metric.REVOKE_TO_SIGBUS).getTotalCount() > 0);
        assertTrue(o.latencies().get(Metric.RESTORE_TO_SUCCESS).getTotalCount() > 0);
        assertFalse(o.hung());
    }

    @Test
    public void staleMappingIsCaughtWithEvidence() {
        HammerOutcome o = run("sim:bug=stale-mapping", SHORT, revokes());
        InvariantOutcome inv = outcome(o, Invariant.NO_ACCESS_WHILE_REVOKED);
        assertEquals(inv.status(), InvariantOutcome.Status.FAIL);
        assertTrue(inv.evidence().getFirst().offset() >= 0);
        assertTrue(inv.evidence().getFirst().detail().contains("after revoke completed"), inv.summary());
    }

    @Test
    public void noRecoveryIsCaught() {
        HammerOutcome o = run("sim:bug=no-recovery", SHORT, revokes());
        assertEquals(outcome(o, Invariant.ACCESS_RESTORED).status(), InvariantOutcome.Status.FAIL);
    }

    @Test
    public void corruptRegistersAfterRestoreAreCaught() {
        HammerOutcome o = run("sim:bug=corrupt-after-restore", SHORT, Disruptors.reset(Duration.ofMillis(40)));
        InvariantOutcome inv = outcome(o, Invariant.DATA_CORRECT);
        assertEquals(inv.status(), InvariantOutcome.Status.FAIL);
        assertTrue(inv.summary().contains("ID register"), inv.summary());
    }

    @Test(timeOut = 20_000)
    public void watchdogFiresOnAHungRevokeAndTheRunStillEnds() {
        HammerConfig cfg = SHORT.withDuration(Duration.ofSeconds(5)).withWatchdog(Duration.ofMillis(500));
        long t0 = System.nanoTime();
        HammerOutcome o = run("sim:bug=revoke-hang", cfg, revokes());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(o.hung());
        InvariantOutcome inv = outcome(o, Invariant.NO_STUCK_THREAD);
        assertEquals(inv.status(), InvariantOutcome.Status.FAIL);
        String report = inv.evidence().getFirst().detail();
        assertTrue(report.contains("disruptor") && report.contains("java stack") && report.contains("wchan"), report);
        assertTrue(ms < 4000, "the watchdog should stop the run early, took " + ms + " ms");
        // revoke-hang is stuck inside the kernel (a vfork wait): the evidence says so from /proc
        assertTrue(report.contains("\nstate: D\n"), report);
        if (io.vfiorig.agent.kernel.KernelHangTest.canReadKernelStacks()) {
            assertTrue(report.matches("(?s).*kernel stack:\n.*(kernel_clone|vfork).*"), "the thread's kernel stack:\n" + report);
        }
    }

    @Test
    public void slowFaultsBreakTheLatencyBound() {
        try (SimDevice d = new SimDevice(DeviceSpec.parse("sim:bug=slow-fault"))) {
            InvariantLedger ledger = new InvariantLedger();
            HammerOutcome o = new HammerRun(d, SHORT, null, ledger).execute();
            io.vfiorig.agent.invariant.LatencyBound.check(o.latencies().get(Metric.FAULT), d.profile(), ledger);
            assertEquals(outcome(o, Invariant.FAULT_LATENCY).status(), InvariantOutcome.Status.FAIL);
        }
    }
}
