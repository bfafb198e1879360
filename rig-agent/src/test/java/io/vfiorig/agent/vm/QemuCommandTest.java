package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class QemuCommandTest {
    static QemuCommand command(Accel accel, List<VmDevice> devices, List<String> append) {
        return new QemuCommand(Path.of("/usr/bin/qemu-system-x86_64"), accel, 1024, 1, Path.of("/k/bzImage"),
                Path.of("/w/initramfs.cpio.gz"), devices,
                List.of(Share.samePathReadOnly("jdk", Path.of("/usr/lib/jvm/jdk-25")), Share.writable("rigout", Path.of("/w/out"), "/rig/out")),
                Optional.of(Path.of("/w/console.log")), append);
    }

    /** True when {@code args} holds {@code seq} as consecutive elements. */
    static boolean hasSequence(List<String> args, String... seq) {
        return Collections.indexOfSubList(args, List.of(seq)) >= 0;
    }

    @Test
    public void tcgGuestWithEduBehindARootPort() {
        List<String> a = command(Accel.TCG, List.of(new VmDevice.Edu()), List.of()).args();
        assertEquals(a.getFirst(), "/usr/bin/qemu-system-x86_64");
        assertTrue(hasSequence(a, "-M", "q35", "-accel", "tcg,thread=multi", "-cpu", "qemu64,+pdpe1gb"), a.toString());
        assertTrue(hasSequence(a, "-m", "1024M", "-smp", "1"));
        assertTrue(hasSequence(a, "-nographic", "-no-reboot", "-nodefaults"));
        assertTrue(hasSequence(a, "-serial", "file:/w/console.log"));
        assertTrue(hasSequence(a, "-kernel", "/k/bzImage", "-initrd", "/w/initramfs.cpio.gz", "-append",
                "console=ttyS0 intel_iommu=on panic=-1 quiet no_timer_check"));
        assertTrue(hasSequence(a, "-device", "pcie-root-port,id=rp1,bus=pcie.0,addr=0x10,chassis=1,slot=1",
                "-device", "edu,id=dev1,bus=rp1"), a.toString());
        assertTrue(a.indexOf("intel-iommu") < a.indexOf("pcie-root-port,id=rp1,bus=pcie.0,addr=0x10,chassis=1,slot=1"),
                "the IOMMU is created before any PCI device");
        assertFalse(a.contains("kvm"));
    }

    @Test
    public void ninePSharesWithTagsAndReadOnlyJdk() {
        List<String> a = command(Accel.TCG, List.of(), List.of()).args();
        assertTrue(hasSequence(a, "-fsdev", "local,id=fs0,path=/usr/lib/jvm/jdk-25,security_model=none,readonly=on",
                "-device", "virtio-9p-pci,fsdev=fs0,mount_tag=jdk,bus=pcie.0,addr=0x2"), a.toString());
        assertTrue(hasSequence(a, "-fsdev", "local,id=fs1,path=/w/out,security_model=none",
                "-device", "virtio-9p-pci,fsdev=fs1,mount_tag=rigout,bus=pcie.0,addr=0x3"), a.toString());
    }

    @Test
    public void kvmWhenAvailable() {
        List<String> a = command(Accel.KVM, List.of(new VmDevice.Edu()), List.of()).args();
        assertTrue(hasSequence(a, "-M", "q35,kernel-irqchip=split", "-accel", "kvm", "-cpu", "host"), a.toString());
        assertTrue(hasSequence(a, "-device", "intel-iommu,intremap=on"));
    }

    @Test
    public void everyDeviceGetsItsOwnRootPortAndPredictableAddress() {
        QemuCommand c = command(Accel.TCG, List.of(new VmDevice.Edu(), new VmDevice.Ivshmem(1L << 30, Optional.empty()),
                new VmDevice.Nvme(), new VmDevice.E1000e()), List.of("transparent_hugepage=always"));
        List<String> a = c.args();
        assertTrue(hasSequence(a, "-object", "memory-backend-ram,id=dev2-mem,size=1024M,share=on",
                "-device", "ivshmem-plain,id=dev2,memdev=dev2-mem,bus=rp2"), a.toString());
        assertTrue(hasSequence(a, "-device", "pcie-root-port,id=rp3,bus=pcie.0,addr=0x12,chassis=3,slot=3",
                "-device", "nvme,id=dev3,serial=dev3,bus=rp3"));
        assertTrue(hasSequence(a, "-device", "e1000e,id=dev4,bus=rp4"));
        assertEquals(c.guestBdfs(), List.of("0000:01:00.0", "0000:02:00.0", "0000:03:00.0", "0000:04:00.0"));
        assertTrue(c.append().endsWith(" quiet no_timer_check transparent_hugepage=always"));
    }

    @Test
    public void ivshmemOnAHostFileAndSizeRules() {
        VmDevice d = VmDevice.parse("ivshmem:2M:/dev/shm/rig-ivshmem");
        assertEquals(d.qemuArgs("dev1", "rp1"), List.of("-object",
                "memory-backend-file,id=dev1-mem,size=2M,mem-path=/dev/shm/rig-ivshmem,share=on",
                "-device", "ivshmem-plain,id=dev1,memdev=dev1-mem,bus=rp1"));
        assertEquals(((VmDevice.Ivshmem) VmDevice.parse("ivshmem")).sizeBytes(), 64L << 20);
        // the inventory writes QEMU's name: the fleet's orders say vm:ivshmem-plain:SIZE
        assertEquals(((VmDevice.Ivshmem) VmDevice.parse("ivshmem-plain:256M")).sizeBytes(), 256L << 20);
        assertThrows(IllegalArgumentException.class, () -> VmDevice.parse("ivshmem:3M"));
        assertThrows(IllegalArgumentException.class, () -> VmDevice.parse("virtio-gpu"));
        assertEquals(VmDevice.parseAll(List.of("edu", "nvme")).stream().map(VmDevice::pciId).toList(), List.of("1234:11e8", "1b36:0010"));
    }

    @Test
    public void refusesWhatQemuOrInitWouldMisread() {
        assertThrows(IllegalArgumentException.class, () -> command(Accel.TCG, List.of(), List.of("two words")));
        assertThrows(IllegalArgumentException.class, () -> new QemuCommand(Path.of("q"), Accel.TCG, 1024, 1, Path.of("k"),
                Path.of("i"), List.of(), List.of(Share.readOnly("a", Path.of("/x,y"), "/x")), Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new QemuCommand(Path.of("q"), Accel.TCG, 1024, 1, Path.of("k"),
                Path.of("i"), List.of(), List.of(Share.readOnly("a", Path.of("/x"), "/x"), Share.readOnly("a", Path.of("/y"), "/y")),
                Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Share.readOnly("bad tag", Path.of("/x"), "/x"));
        assertThrows(IllegalArgumentException.class, () -> Share.readOnly("t", Path.of("/x"), "/with space"));
    }

    @Test
    public void consoleOnStdioWhenNoFile() {
        QemuCommand c = new QemuCommand(Path.of("q"), Accel.TCG, 512, 1, Path.of("k"), Path.of("i"), List.of(), List.of(),
                Optional.empty(), List.of());
        assertTrue(hasSequence(c.args(), "-serial", "stdio"));
    }

    @Test
    public void reproductionLineIsShellQuoted() {
        assertEquals(VirtualHost.shellLine(List.of("qemu", "-append", "console=ttyS0 quiet", "it's")),
                "qemu -append 'console=ttyS0 quiet' 'it'\\''s'");
    }
}
