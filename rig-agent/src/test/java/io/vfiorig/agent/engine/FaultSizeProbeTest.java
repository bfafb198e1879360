package io.vfiorig.agent.engine;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.device.sim.SimDevice;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import org.testng.annotations.Test;

public class FaultSizeProbeTest {
    @Test
    public void countsOneFaultPerPageOrOnePerPmdAsTheKernelSettingSays() {
        try (SimDevice d = new SimDevice(DeviceSpec.parse("sim"))) {
            FaultExpectation e = d.faultExpectation(d.primaryBar());
            FaultSizeProbe.Measurement m = FaultSizeProbe.measure(d.primaryBar(), e);
            assertEquals(m.pages(), 512);
            assertEquals(m.huge(), e.huge(), e.reason() + ": measured " + m.faults() + " faults");
            if (!e.huge()) {
                assertTrue(m.faults() >= 512 && m.faults() < 600, "4K mapping: " + m.faults() + " faults");
            }
        }
    }

    @Test
    public void aWrongExpectationIsAViolationWithTheCounts() {
        try (SimDevice d = new SimDevice(DeviceSpec.parse("sim"))) {
            FaultExpectation real = d.faultExpectation(d.primaryBar());
            FaultExpectation wrong = new FaultExpectation(real.regionOffset(), real.regionLength(), !real.huge(), true,
                    "deliberately wrong");
            InvariantLedger ledger = new InvariantLedger();
            FaultSizeProbe.check(d.primaryBar(), wrong, 1, ledger);
            assertEquals(ledger.violations(Invariant.FAULT_SIZE), 1);
            String detail = ledger.outcomes().get(Invariant.FAULT_SIZE.ordinal()).summary();
            assertTrue(detail.contains("faults; expected"), detail);
        }
    }
}
