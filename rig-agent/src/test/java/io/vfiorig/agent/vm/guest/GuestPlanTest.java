package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.vm.VmDevice;
import java.util.List;
import org.testng.annotations.Test;

public class GuestPlanTest {
    @Test
    public void oneDeviceBecomesTheFirstRootPortsFunction() {
        GuestPlan p = GuestPlan.of(List.of("vm:edu"));
        assertEquals(p.devices(), List.of(new VmDevice.Edu()));
        assertEquals(p.probeDevices(), "vfio:0000:01:00.0");
        assertEquals(p.hostSpecFor("vfio:0000:01:00.0"), "vm:edu");
    }

    @Test
    public void specsNamingTheSameDeviceShareItAndKeepTheirApi() {
        GuestPlan p = GuestPlan.of(List.of("vm:edu", "vm:edu,api=cdev", "vm:edu,api=group"));
        assertEquals(p.devices().size(), 1, "one edu, opened three ways");
        assertEquals(p.probeDevices(), "vfio:0000:01:00.0;vfio:0000:01:00.0,api=cdev;vfio:0000:01:00.0,api=group");
        assertEquals(p.hostSpecFor("vfio:0000:01:00.0,api=group"), "vm:edu,api=group");
    }

    @Test
    public void differentDevicesGetTheirOwnAddressesInBootOrder() {
        GuestPlan p = GuestPlan.of(List.of("vm:ivshmem:64M", "vm:edu,api=group"));
        assertEquals(p.devices().size(), 2);
        assertEquals(p.devices().getFirst().kind(), "ivshmem");
        assertEquals(p.bdfs(), List.of("0000:01:00.0", "0000:02:00.0"));
        assertEquals(p.probeDevices(), "vfio:0000:01:00.0;vfio:0000:02:00.0,api=group");
    }

    @Test
    public void badSpecsAreRefusedBeforeAnythingBoots() {
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("vm"))).getMessage()
                .contains("no guest device"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("vm:gpu"))).getMessage()
                .contains("unknown guest device 'gpu'"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("vm:edu,api=noiommu")))
                .getMessage().contains("not one of group, cdev"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("vm:edu,bug=x")))
                .getMessage().contains("unknown vm option 'bug'"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("sim"))).getMessage()
                .contains("not a vm device"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.of(List.of("vm:ivshmem:3M")))
                .getMessage().contains("power of two"));
    }

    @Test
    public void aRunIsOnTheHostOrInAGuestNeverBoth() {
        assertTrue(GuestPlan.isGuestRun(List.of("vm:edu", "vm:edu,api=group")));
        assertFalse(GuestPlan.isGuestRun(List.of("sim", "vfio:0000:01:00.0")));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> GuestPlan.isGuestRun(List.of("sim", "vm:edu")))
                .getMessage().contains("separate rig runs"));
    }

    @Test
    public void theBackendTableValidatesVmSpecsButNeverOpensThemInProcess() {
        DeviceBackends.validate(DeviceSpec.parse("vm:edu,api=cdev"));
        expectThrows(IllegalArgumentException.class, () -> DeviceBackends.validate(DeviceSpec.parse("vm:gpu")));
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> DeviceBackends.open(DeviceSpec.parse("vm:edu")));
        assertTrue(e.getMessage().contains("GuestProbe"), e.getMessage());
    }
}
