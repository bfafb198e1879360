package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.DeviceProfile;
import java.util.Locale;

/** Which checks apply to a PCI device on the vfio path, and which BAR the suites hammer, by vendor:device. */
public final class VfioProfiles {
    /** QEMU's edu device. */
    public static final String EDU = "1234:11e8";
    /** QEMU's ivshmem (plain and doorbell). */
    public static final String IVSHMEM = "1af4:1110";

    private VfioProfiles() {}

    /**
     * @param profile    the device profile
     * @param primaryBar the BAR to hammer, or -1 for "the largest mmap-able one"
     */
    public record Choice(DeviceProfile profile, int primaryBar) {}

    /**
     * @param vendor vendor id as sysfs prints it ({@code 0x1234}) or bare hex
     * @param device device id likewise
     */
    public static Choice forPciId(String vendor, String device) {
        String id = bare(vendor) + ":" + bare(device);
        return switch (id) {
            case EDU -> new Choice(DeviceProfile.edu(), 0);
            case IVSHMEM -> new Choice(DeviceProfile.ivshmem(), 2); // BAR0 is 256 B of registers, BAR2 the RAM
            default -> new Choice(DeviceProfile.generic("pci-" + id), -1);
        };
    }

    static String bare(String hex) {
        String h = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("0x") ? h.substring(2) : h;
    }
}
