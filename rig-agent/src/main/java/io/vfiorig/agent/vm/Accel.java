package io.vfiorig.agent.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How QEMU runs the guest CPU: KVM where the host offers it, TCG emulation otherwise (CI, nested hosts). */
public enum Accel {
    KVM,
    TCG;

    /** KVM when /dev/kvm is there and usable by this user. */
    public static Accel detect() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm) ? KVM : TCG;
    }

    /** {@code -M}/{@code -accel}/{@code -cpu} arguments. */
    List<String> machineArgs() {
        return switch (this) {
            // split irqchip: intel-iommu's interrupt remapping needs it under KVM
            case KVM -> List.of("-M", "q35,kernel-irqchip=split", "-accel", "kvm", "-cpu", "host");
            // pdpe1gb: the guest may only use 1 GiB (PUD) mappings, e.g. of a 1 GiB ivshmem BAR,
            // when the CPU says it has them; qemu64 alone does not
            case TCG -> List.of("-M", "q35", "-accel", "tcg,thread=multi", "-cpu", "qemu64,+pdpe1gb");
        };
    }

    /** {@code -device intel-iommu} options matching the machine arguments. */
    String iommuDevice() {
        return this == KVM ? "intel-iommu,intremap=on" : "intel-iommu";
    }
}
