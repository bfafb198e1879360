package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.vfio.FeatureSupport;
import io.vfiorig.agent.device.vfio.VfioDevice;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run inside the guest by {@link GuestVfioChecksTest}: opens the real device in ways the smoke
 * suite does not (twice, unbound, with an injected kernel WARN) and prints {@code key=value} lines
 * for the host to check. Every step prints, whatever the one before did.
 */
public final class GuestVfioCheck {
    /**
     * A WARN_ON's line, written to /dev/kmsg by user space: the kernel files it under LOG_USER, and the
     * watcher must not take it for the kernel's own (GuestDebugKernelTest catches real reports).
     */
    static final String INJECTED = "WARNING: CPU: 0 PID: 1 at drivers/vfio/pci/rig_selftest.c:1 injected_by_rig+0x0/0x10";

    private GuestVfioCheck() {}

    public static void main(String[] args) throws Exception {
        String bdf = args[0];
        String mode = args.length > 1 ? args[1] : "iommu";
        if (mode.equals("noiommu")) {
            open("noiommu.auto", "vfio:" + bdf);
            open("noiommu.group", "vfio:" + bdf + ",api=group");
            open("noiommu.cdev", "vfio:" + bdf + ",api=cdev");
            return;
        }
        try (VfioDevice d = new VfioDevice(DeviceSpec.parse("vfio:" + bdf + ",api=cdev"))) {
            print("open.api", d.api().id());
            for (FeatureSupport f : d.dmaBufFeatures()) {
                print("feature." + f.name(), f.describe());
            }
            print("kmsg.before", Integer.toString(d.kernelLogFindings().size()));
            Files.writeString(Path.of("/dev/kmsg"), "<4>" + INJECTED + "\n");
            Thread.sleep(300);
            print("kmsg.findings", Integer.toString(d.kernelLogFindings().size()));
            print("kmsg.fact", d.describe().get("kernel_log"));
        } catch (RuntimeException e) {
            print("open.error", e.toString());
        }
        try (VfioDevice first = new VfioDevice(DeviceSpec.parse("vfio:" + bdf + ",api=group"))) {
            print("first.api", first.api().id());
            open("busy.group", "vfio:" + bdf + ",api=group");
            open("busy.cdev", "vfio:" + bdf + ",api=cdev");
        }
        Files.writeString(Path.of("/sys/bus/pci/drivers/vfio-pci/unbind"), bdf);
        open("unbound", "vfio:" + bdf);
    }

    /** Opens, then reads the ID register, revokes (the read must SIGBUS), restores (it must work again). */
    private static void open(String key, String spec) {
        try (VfioDevice d = new VfioDevice(DeviceSpec.parse(spec))) {
            Map<String, String> f = d.describe();
            MemorySegment bar = d.primaryBar().memory();
            String id = Integer.toHexString(DeviceAccess.read32(bar, 0));
            d.revoke();
            String revoked;
            try {
                revoked = "read 0x" + Integer.toHexString(DeviceAccess.read32(bar, 0));
            } catch (InternalError sigbus) {
                revoked = "sigbus";
            }
            d.restore();
            print(key, "opened api=" + f.get("vfio.api") + " node=" + f.getOrDefault("vfio.group_node",
                    f.get("vfio.cdev")) + " ioas=" + f.get("vfio.ioas") + " id=0x" + id + " revoked=" + revoked
                    + " restored=0x" + Integer.toHexString(DeviceAccess.read32(bar, 0)));
        } catch (RuntimeException e) {
            print(key, e.getMessage());
        }
    }

    private static void print(String key, String value) {
        System.out.println(key + "=" + String.valueOf(value).replace('\n', ' '));
    }
}
