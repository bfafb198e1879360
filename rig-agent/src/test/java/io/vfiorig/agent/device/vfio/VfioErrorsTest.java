package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class VfioErrorsTest {
    private static final String BDF = "0000:3b:00.0";

    private static NativeCallException ioctl(int errno, String name) {
        return new NativeCallException("ioctl", "fd=7, " + name, errno, "strerror " + errno);
    }

    @Test
    public void eachMessageNamesTheCallTheErrnoAndAFix() {
        VfioOpenException e = VfioErrors.callFailed(BDF, VfioApi.CDEV, "bind the device",
                ioctl(Errno.EPERM, "VFIO_DEVICE_BIND_IOMMUFD 0x3b76"), "/dev/vfio/devices/vfio0", List.of());
        String m = e.getMessage();
        assertTrue(m.startsWith("vfio " + BDF + " (cdev): cannot bind the device: ioctl(fd=7, VFIO_DEVICE_BIND_IOMMUFD"), m);
        assertTrue(m.contains("failed: EPERM"), m);
        assertTrue(m.contains("fix: run the rig as root, or give its user read/write access to /dev/vfio/devices/vfio0"), m);
        assertEquals(e.getCause().getClass(), NativeCallException.class, "errno stays reachable");
    }

    @Test
    public void permissionOnNoIommuNeedsRawIo() {
        assertTrue(VfioErrors.fix(Errno.EPERM, VfioApi.NOIOMMU, "/dev/vfio/noiommu-0", List.of()).contains("CAP_SYS_RAWIO"));
        assertTrue(VfioErrors.fix(Errno.EACCES, VfioApi.GROUP, "/dev/vfio/12", List.of()).contains("/dev/vfio/12"));
    }

    @Test
    public void busyNamesWhoHoldsTheDevice() {
        List<FdHolders.Holder> who = List.of(new FdHolders.Holder(812, "qemu-system-x86", "/dev/vfio/12"),
                new FdHolders.Holder(9001, "java", "/dev/vfio/12"));
        String m = VfioErrors.callFailed(BDF, VfioApi.GROUP, "open the group node /dev/vfio/12",
                new NativeCallException("open", "\"/dev/vfio/12\", O_RDWR|O_CLOEXEC", Errno.EBUSY, "Device or resource busy"),
                "/dev/vfio/12", who).getMessage();
        assertTrue(m.contains("EBUSY"), m);
        assertTrue(m.contains("pid 812 (qemu-system-x86) holds /dev/vfio/12; pid 9001 (java) holds /dev/vfio/12"), m);
        assertTrue(VfioErrors.fix(Errno.EBUSY, VfioApi.GROUP, "/dev/vfio/12", List.of()).contains("none visible here"));
    }

    @Test
    public void otherErrnosStillGetAFix() {
        assertTrue(VfioErrors.fix(Errno.ENOENT, VfioApi.GROUP, "/dev/vfio/12", List.of()).contains("bind it again"));
        assertTrue(VfioErrors.fix(Errno.ENOTTY, VfioApi.CDEV, "x", List.of()).contains("does not know this request"));
        assertTrue(VfioErrors.fix(Errno.EIO, VfioApi.CDEV, "x", List.of()).contains("dmesg"));
    }

    @Test
    public void aGroupThatIsNotViableListsEveryMemberAndItsDriver() {
        Map<String, String> drivers = Map.of("0000:3b:00.0", "vfio-pci", "0000:3b:00.1", "ixgbe", "0000:3b:00.2", "");
        String m = VfioErrors.groupNotViable(BDF, 12, List.of("0000:3b:00.0", "0000:3b:00.1", "0000:3b:00.2"),
                drivers::get).getMessage();
        assertTrue(m.contains("IOMMU group 12 is not viable"), m);
        assertTrue(m.contains("members 0000:3b:00.0 (vfio-pci), 0000:3b:00.1 (ixgbe), 0000:3b:00.2 (no driver)"), m);
        assertTrue(m.endsWith("bind every member to vfio-pci or unbind it (0000:3b:00.1)"), m);
    }

    @Test
    public void aDeviceOnAnotherDriverGetsTheBindCommands() {
        PciDevice d = new PciDevice(BDF, "0x8086", "0x1572", "0x020000", "i40e", 12, 0, List.of("flr"), List.of());
        String m = VfioErrors.notBound(d).getMessage();
        assertTrue(m.contains("bound to driver i40e, not vfio-pci"), m);
        assertTrue(m.contains("echo vfio-pci > /sys/bus/pci/devices/" + BDF + "/driver_override"), m);
        assertTrue(m.contains("echo " + BDF + " > /sys/bus/pci/devices/" + BDF + "/driver/unbind"), m);
        PciDevice unbound = new PciDevice(BDF, "0x8086", "0x1572", "", "", 12, 0, List.of(), List.of());
        assertTrue(VfioErrors.notBound(unbound).getMessage().contains("bound to no driver"));
    }

    @Test
    public void aMissingCdevSuggestsTheGroupApi() {
        String m = VfioErrors.noNode(BDF, VfioApi.CDEV, "6.12.118-amd64", "no vfio-dev entry in sysfs (no cdev)").getMessage();
        assertTrue(m.contains("kernel 6.12.118-amd64") && m.contains("use api=group"), m);
    }
}
