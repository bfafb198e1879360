package io.vfiorig.agent.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An emulated PCI device for the guest. Each sits behind its own pcie-root-port: only then does
 * the guest kernel have a reset method (bus reset) for it, and VFIO_DEVICE_RESET works.
 */
public sealed interface VmDevice {
    /** Short name used in specs ({@code vm:edu}) and reports. */
    String kind();

    /** PCI vendor:device id the guest will see, e.g. {@code 1234:11e8}. */
    String pciId();

    /** QEMU arguments for this device on {@code bus}; {@code id} is unique per device in the guest. */
    List<String> qemuArgs(String id, String bus);

    /**
     * QEMU's educational device: 1 MiB BAR0 of registers (ID, inverting liveness register,
     * factorial, DMA engine). The register model every suite knows.
     */
    record Edu() implements VmDevice {
        public String kind() {
            return "edu";
        }

        public String pciId() {
            return "1234:11e8";
        }

        public List<String> qemuArgs(String id, String bus) {
            return List.of("-device", "edu,id=" + id + ",bus=" + bus);
        }
    }

    /**
     * ivshmem-plain: BAR2 is RAM of the chosen size (the only emulated device whose BAR can be
     * large enough for 2 MiB and 1 GiB fault sizes, and that holds any data pattern).
     *
     * @param sizeBytes  BAR2 size; a power of two, 1 MiB .. 16 GiB (PCI BARs are power-of-two sized)
     * @param hostFile   back the memory with this host file (e.g. under /dev/shm) so the host can
     *                   inspect the pattern; empty for anonymous shared RAM
     */
    record Ivshmem(long sizeBytes, Optional<String> hostFile) implements VmDevice {
        public Ivshmem {
            if (Long.bitCount(sizeBytes) != 1 || sizeBytes < (1L << 20) || sizeBytes > (16L << 30)) {
                throw new IllegalArgumentException("ivshmem size must be a power of two between 1M and 16G, got " + sizeBytes);
            }
            if (hostFile.isPresent() && hostFile.get().contains(",")) {
                throw new IllegalArgumentException("ivshmem host file path must not contain ',': " + hostFile.get());
            }
        }

        public String kind() {
            return "ivshmem";
        }

        public String pciId() {
            return "1af4:1110";
        }

        public List<String> qemuArgs(String id, String bus) {
            String mem = id + "-mem";
            String size = (sizeBytes >> 20) + "M";
            String backend = hostFile.map(f -> "memory-backend-file,id=" + mem + ",size=" + size + ",mem-path=" + f + ",share=on")
                    .orElse("memory-backend-ram,id=" + mem + ",size=" + size + ",share=on");
            return List.of("-object", backend, "-device", "ivshmem-plain,id=" + id + ",memdev=" + mem + ",bus=" + bus);
        }
    }

    /**
     * An NVMe controller without namespaces: one 64-bit 16 KiB BAR0 holding registers, MSI-X table
     * and PBA; reset by FLR. (QEMU 7.2 measured.)
     */
    record Nvme() implements VmDevice {
        public String kind() {
            return "nvme";
        }

        public String pciId() {
            return "1b36:0010";
        }

        public List<String> qemuArgs(String id, String bus) {
            return List.of("-device", "nvme,id=" + id + ",serial=" + id + ",bus=" + bus);
        }
    }

    /**
     * Intel 82574L, the multi-BAR device: 128 KiB registers BAR0, 128 KiB flash BAR1, I/O BAR2 and
     * a separate 16 KiB MSI-X BAR3; reset by PM or bus. No netdev: no network (QEMU warns "no peer").
     */
    record E1000e() implements VmDevice {
        public String kind() {
            return "e1000e";
        }

        public String pciId() {
            return "8086:10d3";
        }

        public List<String> qemuArgs(String id, String bus) {
            return List.of("-device", "e1000e,id=" + id + ",bus=" + bus);
        }
    }

    /**
     * A modern virtio network card: the one emulated device whose guest driver ({@code virtio-pci})
     * is built into the shared kernel, so binding tests can move it to vfio-pci and back. No netdev:
     * no network; no option ROM (its file comes with a package the guest does not need).
     */
    record VirtioNet() implements VmDevice {
        public String kind() {
            return "virtio-net";
        }

        public String pciId() {
            return "1af4:1041";
        }

        public List<String> qemuArgs(String id, String bus) {
            return List.of("-device", "virtio-net-pci,id=" + id + ",bus=" + bus + ",romfile=");
        }
    }

    /** {@code edu}, {@code nvme}, {@code e1000e}, {@code virtio-net}, {@code ivshmem} (64M), {@code ivshmem:256M}, {@code ivshmem:1G:/dev/shm/f}. */
    static VmDevice parse(String spec) {
        String[] parts = spec.split(":", 3);
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "edu" -> new Edu();
            case "nvme" -> new Nvme();
            case "e1000e" -> new E1000e();
            case "virtio-net" -> new VirtioNet();
            // ivshmem-plain: QEMU's name, as the inventory writes it
            case "ivshmem", "ivshmem-plain" -> new Ivshmem(parts.length > 1 ? parseSize(parts[1]) : 64L << 20,
                    parts.length > 2 ? Optional.of(parts[2]) : Optional.empty());
            default -> throw new IllegalArgumentException("unknown guest device '" + parts[0] + "' (edu, ivshmem[:SIZE], nvme, e1000e, virtio-net)");
        };
    }

    static List<VmDevice> parseAll(List<String> specs) {
        List<VmDevice> out = new ArrayList<>();
        for (String s : specs) {
            out.add(parse(s));
        }
        return out;
    }

    /** {@code 64M}, {@code 1G}, {@code 2097152}. */
    static long parseSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        long mult = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
    }
}
