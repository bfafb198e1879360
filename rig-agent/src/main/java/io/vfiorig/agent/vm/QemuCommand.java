package io.vfiorig.agent.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU command line for one guest, built without side effects so it can be tested and shown.
 *
 * <p>Layout on the q35 root bus: 9p shares at slots 0x02.., one pcie-root-port per device at slots
 * 0x10.. with the device behind it. Fixed slots make the guest's addresses predictable: Linux
 * numbers bridges' secondary buses depth-first in slot order, and the 9p devices are endpoints
 * that take no bus number, so device i is at {@code 0000:0(i+1):00.0} ({@link #guestBdfs()}).
 *
 * @param qemu        the qemu-system-x86_64 binary
 * @param accel       KVM or TCG
 * @param memoryMiB   guest RAM
 * @param cpus        guest CPUs (keep 1 on shared CI machines)
 * @param kernel      bzImage for {@code -kernel}
 * @param initrd      the initramfs
 * @param devices     emulated devices, each behind its own root port
 * @param shares      9p shares
 * @param consoleFile serial console written to this file; empty: the console on QEMU's stdout
 * @param extraAppend extra kernel command-line words (e.g. {@code transparent_hugepage=always})
 */
public record QemuCommand(Path qemu, Accel accel, int memoryMiB, int cpus, Path kernel, Path initrd,
        List<VmDevice> devices, List<Share> shares, Optional<Path> consoleFile, List<String> extraAppend) {
    static final int FIRST_SHARE_SLOT = 0x02;
    static final int FIRST_PORT_SLOT = 0x10;
    static final int MAX_SHARES = FIRST_PORT_SLOT - FIRST_SHARE_SLOT;
    static final int MAX_DEVICES = 8;
    /** quiet: the console stays readable (init's markers, panics, WARN splats still print). */
    // no_timer_check: under TCG on a loaded host the IO-APIC timer check can miss its window and
    // panic ("timer doesn't work through Interrupt-remapped IO-APIC"); seen here at load 14
    static final String BASE_APPEND = "console=ttyS0 intel_iommu=on panic=-1 quiet no_timer_check";

    public QemuCommand {
        devices = List.copyOf(devices);
        shares = List.copyOf(shares);
        extraAppend = List.copyOf(extraAppend);
        if (devices.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("at most " + MAX_DEVICES + " guest devices, got " + devices.size());
        }
        if (shares.size() > MAX_SHARES) {
            throw new IllegalArgumentException("at most " + MAX_SHARES + " 9p shares, got " + shares.size());
        }
        if (shares.stream().map(Share::tag).distinct().count() != shares.size()) {
            throw new IllegalArgumentException("9p mount tags must be unique: " + shares.stream().map(Share::tag).toList());
        }
        if (memoryMiB < 256 || cpus < 1) {
            throw new IllegalArgumentException("guest needs >= 256 MiB and >= 1 CPU");
        }
        shares.forEach(s -> requireNoComma(s.hostPath()));
        consoleFile.ifPresent(QemuCommand::requireNoComma);
        for (String w : extraAppend) {
            if (w.isBlank() || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("kernel command-line word with spaces: '" + w + "'");
            }
        }
    }

    /** Argument list, program first. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        a.add(qemu.toString());
        a.addAll(accel.machineArgs());
        a.addAll(List.of("-m", memoryMiB + "M", "-smp", Integer.toString(cpus)));
        a.addAll(List.of("-nographic", "-no-reboot", "-nodefaults"));
        a.addAll(List.of("-serial", consoleFile.map(f -> "file:" + f).orElse("stdio")));
        a.addAll(List.of("-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", append()));
        // before any PCI device: QEMU wants the IOMMU to exist when the devices are created
        a.addAll(List.of("-device", accel.iommuDevice()));
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            String fsdev = "fs" + i;
            a.addAll(List.of("-fsdev", "local,id=" + fsdev + ",path=" + s.hostPath() + ",security_model=none"
                    + (s.readOnly() ? ",readonly=on" : "")));
            a.addAll(List.of("-device", "virtio-9p-pci,fsdev=" + fsdev + ",mount_tag=" + s.tag()
                    + ",bus=pcie.0,addr=" + hex(FIRST_SHARE_SLOT + i)));
        }
        for (int i = 0; i < devices.size(); i++) {
            String port = "rp" + (i + 1);
            a.addAll(List.of("-device", "pcie-root-port,id=" + port + ",bus=pcie.0,addr=" + hex(FIRST_PORT_SLOT + i)
                    + ",chassis=" + (i + 1) + ",slot=" + (i + 1)));
            a.addAll(devices.get(i).qemuArgs("dev" + (i + 1), port));
        }
        return a;
    }

    /** The kernel command line. */
    public String append() {
        return extraAppend.isEmpty() ? BASE_APPEND : BASE_APPEND + " " + String.join(" ", extraAppend);
    }

    /** Guest PCI address of each device, in {@link #devices()} order. */
    public List<String> guestBdfs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            out.add(String.format("0000:%02x:00.0", i + 1));
        }
        return out;
    }

    private static String hex(int slot) {
        return "0x" + Integer.toHexString(slot);
    }

    /** Paths go into comma-separated QEMU options, where a ',' would split them. */
    static void requireNoComma(Path p) {
        if (p.toString().contains(",")) {
            throw new IllegalArgumentException("QEMU cannot take a path with ',' in an option: " + p);
        }
    }
}
