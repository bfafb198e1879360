package io.vfiorig.agent.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the host programs the virtual lab host needs and says which Debian package provides a
 * missing one, so a machine without them fails with the fix instead of a stack trace.
 */
public final class HostTools {
    public static final String QEMU = "qemu-system-x86_64";

    private HostTools() {}

    /** An executable named {@code name} on {@code PATH} (then /usr/sbin, /sbin: root's tools when PATH is short). */
    public static Optional<Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Path qemu() throws GuestSetupException {
        return qemu(QEMU);
    }

    static Path qemu(String name) throws GuestSetupException {
        return which(name).orElseThrow(() -> new GuestSetupException(new GuestFailure(GuestFailure.QEMU_MISSING,
                name + " is not installed", "apt-get install --no-install-recommends qemu-system-x86")));
    }

    /**
     * A statically linked busybox: the initramfs has no libc for it before the 9p mounts, so a
     * dynamic one (Debian's plain {@code busybox} package) would not start as /init.
     */
    public static Path staticBusybox() throws GuestSetupException {
        for (Path p : new Path[] {Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")}) {
            if (Files.isRegularFile(p) && isStaticElf(p)) {
                return p;
            }
        }
        Optional<Path> onPath = which("busybox").filter(HostTools::isStaticElf);
        return onPath.orElseThrow(() -> new GuestSetupException(new GuestFailure(GuestFailure.TOOL_MISSING,
                "no statically linked busybox (/bin/busybox)", "apt-get install --no-install-recommends busybox-static")));
    }

    /** A program that must exist, with the package that provides it for the error. */
    public static Path require(String name, String debianPackage) throws GuestSetupException {
        return which(name).orElseThrow(() -> new GuestSetupException(new GuestFailure(GuestFailure.TOOL_MISSING,
                name + " is not installed", "apt-get install --no-install-recommends " + debianPackage)));
    }

    /** True when the ELF file has no PT_INTERP program header (no dynamic loader needed). */
    static boolean isStaticElf(Path p) {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            byte[] h = new byte[64];
            f.readFully(h);
            if (h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F' || h[4] != 2 /* ELFCLASS64 */) {
                return false;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long phoff = b.getLong(0x20);
            int phentsize = Short.toUnsignedInt(b.getShort(0x36));
            int phnum = Short.toUnsignedInt(b.getShort(0x38));
            byte[] ph = new byte[4];
            for (int i = 0; i < phnum; i++) {
                f.seek(phoff + (long) i * phentsize);
                f.readFully(ph);
                if (java.nio.ByteBuffer.wrap(ph).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0) == 3 /* PT_INTERP */) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
