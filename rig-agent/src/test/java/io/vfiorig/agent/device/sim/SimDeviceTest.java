package io.vfiorig.agent.device.sim;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceSpec;
import java.lang.foreign.MemorySegment;
import org.testng.annotations.Test;

public class SimDeviceTest {
    private static SimDevice open(String spec) {
        return new SimDevice(DeviceSpec.parse(spec));
    }

    @Test
    public void registersReadLikeEduAndPatternFillsTheRest() {
        try (SimDevice d = open("sim")) {
            MemorySegment bar = d.primaryBar().memory();
            assertEquals(DeviceAccess.read32(bar, 0), DeviceProfile.EDU_ID);
            assertEquals(DeviceAccess.read32(bar, 0x3000), DeviceProfile.patternWord(0x3000));
            assertEquals(d.primaryBar().size(), SimDevice.DEFAULT_SIZE);
            assertEquals(bar.address() % (2L << 20), 0, "BAR mapping must be 2 MiB aligned for huge faults");
        }
    }

    @Test
    public void revokeMakesAccessesSigbusAndRestoreBringsDataBack() {
        try (SimDevice d = open("sim")) {
            MemorySegment bar = d.primaryBar().memory();
            d.revoke();
            assertThrows(InternalError.class, () -> DeviceAccess.read32(bar, 0));
            assertThrows(InternalError.class, () -> DeviceAccess.write32(bar, 0x2000, 1));
            d.restore();
            assertEquals(DeviceAccess.read32(bar, 0), DeviceProfile.EDU_ID);
            assertEquals(DeviceAccess.read32(bar, 0x5000), DeviceProfile.patternWord(0x5000));
        }
    }

    @Test
    public void staleMappingBugKeepsTheMappingWorkingAfterRevoke() {
        try (SimDevice d = open("sim:bug=stale-mapping")) {
            d.revoke();
            assertEquals(DeviceAccess.read32(d.primaryBar().memory(), 0), DeviceProfile.EDU_ID);
        }
    }

    @Test
    public void noRecoveryBugKeepsSigbusAfterRestore() {
        try (SimDevice d = open("sim:bug=no-recovery")) {
            d.revoke();
            d.restore();
            assertThrows(InternalError.class, () -> DeviceAccess.read32(d.primaryBar().memory(), 0));
        }
    }

    @Test
    public void corruptAfterRestoreBugBreaksTheIdRegister() {
        try (SimDevice d = open("sim:bug=corrupt-after-restore")) {
            assertEquals(DeviceAccess.read32(d.primaryBar().memory(), 0), DeviceProfile.EDU_ID);
            d.revoke();
            d.restore();
            assertNotEquals(DeviceAccess.read32(d.primaryBar().memory(), 0), DeviceProfile.EDU_ID);
        }
    }

    @Test
    public void closingTheDeviceFdKeepsTheMappingButRefusesRevoke() {
        try (SimDevice d = open("sim")) {
            d.closeDeviceFd();
            assertEquals(DeviceAccess.read32(d.primaryBar().memory(), 0), DeviceProfile.EDU_ID);
            IllegalStateException e = expectThrows(IllegalStateException.class, d::revoke);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    public void badOptionsAreRefusedWithTheKnownValues() {
        IllegalArgumentException bug = expectThrows(IllegalArgumentException.class, () -> open("sim:bug=nope"));
        assertTrue(bug.getMessage().contains("stale-mapping") && bug.getMessage().contains("nope"), bug.getMessage());
        IllegalArgumentException key = expectThrows(IllegalArgumentException.class, () -> open("sim:colour=red"));
        assertTrue(key.getMessage().contains("colour"), key.getMessage());
        IllegalArgumentException size = expectThrows(IllegalArgumentException.class, () -> open("sim:size=3M"));
        assertTrue(size.getMessage().contains("power of two"), size.getMessage());
    }
}
