package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.vm.VmDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class ValueTypesTest {
    @Test
    public void pciAddress() {
        assertEquals(PciAddress.parse("0000:3B:1f.7"), new PciAddress(0, 0x3b, 0x1f, 7));
        assertEquals(PciAddress.parse("0001:00:02.0").toString(), "0001:00:02.0");
        BadValue shortForm = (BadValue) expectThrows(() -> PciAddress.parse("3b:00.0"));
        assertEquals(shortForm.fix(), "write it as DDDD:BB:DD.F, e.g. 0000:3b:00.0", "the fix completes what was written");
        assertThrows(IllegalArgumentException.class, () -> PciAddress.parse("0000:3b:20.0")); // device > 1f
        assertThrows(IllegalArgumentException.class, () -> PciAddress.parse("0000:3b:00.8"));
    }

    @Test
    public void pciId() {
        assertEquals(PciId.parse("8086:0B25").toString(), "8086:0b25");
        assertThrows(IllegalArgumentException.class, () -> PciId.parse("8086-0b25"));
        assertThrows(IllegalArgumentException.class, () -> PciId.parse("808:0b25"));
    }

    @Test
    public void kernelSource() {
        assertEquals(KernelSource.parse("debian:7.3"), new KernelSource.Debian("7.3"));
        assertEquals(KernelSource.parse("debian:7.3.4").spec(), "debian:7.3.4");
        assertEquals(KernelSource.parse("path:/srv/k/bzImage"), new KernelSource.BzImage(Path.of("/srv/k/bzImage")));
        assertEquals(((BadValue) expectThrows(() -> KernelSource.parse("7.3"))).fix(), "write debian:7.3 for the Debian package");
        assertEquals(((BadValue) expectThrows(() -> KernelSource.parse("/boot/vmlinuz"))).fix(), "write path:/boot/vmlinuz");
        assertThrows(IllegalArgumentException.class, () -> KernelSource.parse("path:relative/bzImage"));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.parse("debian:latest"));
    }

    @Test
    public void emulatedDevicesFollowTheVmBackend() {
        assertEquals(EmulatedDevice.parse("ivshmem-plain:1G").spec(), "ivshmem-plain:1G");
        assertEquals(EmulatedDevice.parse("ivshmem-plain:1G").toVmDevice(), new VmDevice.Ivshmem(1L << 30, Optional.empty()));
        for (String kind : List.of("edu", "nvme", "e1000e")) {
            assertEquals(EmulatedDevice.parse(kind).toVmDevice().kind(), kind);
        }
        assertEquals(EmulatedDevice.parse("nvme").pciId(), "1b36:0010");
        assertThrows(IllegalArgumentException.class, () -> EmulatedDevice.parse("ivshmem-plain:3M")); // not a power of two
        assertThrows(IllegalArgumentException.class, () -> EmulatedDevice.parse("ivshmem-plain:32G")); // above 16G
        assertThrows(IllegalArgumentException.class, () -> EmulatedDevice.parse("ivshmem-plain"));
        assertThrows(IllegalArgumentException.class, () -> EmulatedDevice.parse("edu:1"));
        assertEquals(((BadValue) expectThrows(() -> EmulatedDevice.parse("ivshmem:64M"))).fix(), "write ivshmem-plain:64M");
        assertTrue(((BadValue) expectThrows(() -> EmulatedDevice.parse("nvm"))).fix().startsWith("did you mean nvme?"));
    }

    @Test
    public void targets() {
        assertEquals(Target.parse("host:lab-host-01"), new Target.OnHost("lab-host-01"));
        assertEquals(Target.parse("device:dsa-0"), new Target.OnDevice("dsa-0"));
        assertEquals(Target.parse("vm:vm-edu").text(), "vm:vm-edu");
        assertEquals(Target.parse("sim:bug=slow-fault"), new Target.OnSimulated("sim:bug=slow-fault"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("sim:bug=nope"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("lab-host-01"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("host:"));
    }

    @Test
    public void didYouMean() {
        List<String> keys = List.of("name", "address", "agent-identity", "devices");
        assertEquals(DidYouMean.closest("adress", keys), Optional.of("address"));
        assertEquals(DidYouMean.closest("agentIdentity", keys), Optional.of("agent-identity"));
        assertEquals(DidYouMean.closest("agent_identity", keys), Optional.of("agent-identity"));
        assertEquals(DidYouMean.closest("colour", keys), Optional.empty());
        assertEquals(DidYouMean.closest("nm", keys), Optional.empty(), "two letters are too short to guess from");
        assertEquals(DidYouMean.distance("kitten", "sitting"), 3);
    }

    private static Throwable expectThrows(org.testng.Assert.ThrowingRunnable r) {
        return org.testng.Assert.expectThrows(IllegalArgumentException.class, r);
    }
}
