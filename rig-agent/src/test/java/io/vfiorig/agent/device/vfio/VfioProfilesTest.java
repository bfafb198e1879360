package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.DeviceProfile;
import org.testng.annotations.Test;

public class VfioProfilesTest {
    @Test
    public void eduGetsItsRegisterModelOnBarZero() {
        VfioProfiles.Choice c = VfioProfiles.forPciId("0x1234", "0x11e8");
        assertEquals(c.profile(), DeviceProfile.edu());
        assertEquals(c.primaryBar(), 0);
    }

    @Test
    public void ivshmemIsRamOnBarTwo() {
        VfioProfiles.Choice c = VfioProfiles.forPciId("1AF4", "1110");
        assertTrue(c.profile().ramLike());
        assertFalse(c.profile().hasId());
        assertEquals(c.primaryBar(), 2, "BAR0 is 256 bytes of registers; BAR2 is the shared memory");
    }

    @Test
    public void anUnknownDeviceIsOnlyRead() {
        VfioProfiles.Choice c = VfioProfiles.forPciId("0x8086", "0x10d3");
        assertEquals(c.profile().model(), "pci-8086:10d3");
        assertFalse(c.profile().ramLike(), "never write into registers the rig does not know");
        assertFalse(c.profile().hasId());
        assertEquals(c.profile().livenessOffset(), -1);
        assertEquals(c.primaryBar(), -1, "the largest mmap-able BAR");
    }
}
