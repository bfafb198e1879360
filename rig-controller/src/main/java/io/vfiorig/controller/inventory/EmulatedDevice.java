package io.vfiorig.controller.inventory;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.vm.VmDevice;
import java.util.List;
import java.util.Optional;

/**
 * A QEMU-emulated PCI device of a virtual host: {@code edu}, {@code nvme}, {@code e1000e} or
 * {@code ivshmem-plain:SIZE} (the QEMU device names). Validated by the VM backend's own rules.
 *
 * @param kind      {@code edu}, {@code nvme}, {@code e1000e} or {@code ivshmem-plain}
 * @param sizeBytes the ivshmem BAR size; 0 for the others
 */
public record EmulatedDevice(String kind, long sizeBytes) {
    /** The kinds a virtual host can carry. */
    public static final List<String> KINDS = List.of("edu", "ivshmem-plain", "nvme", "e1000e");

    /**
     * Parses a device spec; ivshmem sizes are checked by the VM backend's own rule.
     *
     * @throws IllegalArgumentException naming the problem, e.g. {@code ivshmem:256M} (the QEMU name is ivshmem-plain)
     */
    public static EmulatedDevice parse(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String arg = colon < 0 ? null : t.substring(colon + 1);
        String fix = "write one of edu, nvme, e1000e, ivshmem-plain:SIZE (e.g. ivshmem-plain:256M)";
        if (kind.equals("ivshmem")) {
            throw new BadValue("'" + Values.shorten(t) + "' is not an emulated device", "write ivshmem-plain" + (arg == null ? ":256M" : ":" + arg));
        }
        if (!KINDS.contains(kind)) {
            String near = DidYouMean.closest(kind, KINDS).map(k -> "did you mean " + k + "? ").orElse("");
            throw new BadValue("'" + Values.shorten(t) + "' is not an emulated device", near + fix);
        }
        if (!kind.equals("ivshmem-plain")) {
            if (arg != null) {
                throw new BadValue(kind + " takes no options, got '" + Values.shorten(arg) + "'", "write just " + kind);
            }
            return new EmulatedDevice(kind, 0);
        }
        if (arg == null || arg.isBlank()) {
            throw new BadValue("ivshmem-plain needs a size", "write ivshmem-plain:SIZE, a power of two from 1M to 16G, e.g. ivshmem-plain:256M");
        }
        long size;
        try {
            size = DeviceSpec.parseSize(arg);
            new VmDevice.Ivshmem(size, Optional.empty()); // the backend's own size rule
        } catch (IllegalArgumentException e) {
            throw new BadValue("ivshmem-plain size '" + Values.shorten(arg) + "': " + e.getMessage(),
                    "write a power of two from 1M to 16G, e.g. ivshmem-plain:256M");
        }
        return new EmulatedDevice(kind, size);
    }

    /** The spec in canonical form, e.g. {@code ivshmem-plain:256M}. */
    public String spec() {
        if (sizeBytes == 0) {
            return kind;
        }
        for (String unit : List.of("G", "M", "K")) {
            long u = switch (unit) {
                case "G" -> 1L << 30;
                case "M" -> 1L << 20;
                default -> 1L << 10;
            };
            if (sizeBytes % u == 0) {
                return kind + ":" + sizeBytes / u + unit;
            }
        }
        return kind + ":" + sizeBytes;
    }

    /** The VM backend's device, for the virtual host that boots it. */
    public VmDevice toVmDevice() {
        return switch (kind) {
            case "edu" -> new VmDevice.Edu();
            case "nvme" -> new VmDevice.Nvme();
            case "e1000e" -> new VmDevice.E1000e();
            default -> new VmDevice.Ivshmem(sizeBytes, Optional.empty());
        };
    }

    /** The vendor:device id the guest sees: the device model baselines refer to. */
    public String pciId() {
        return toVmDevice().pciId();
    }
}
