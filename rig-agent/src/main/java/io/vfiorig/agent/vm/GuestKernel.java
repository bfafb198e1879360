package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel to boot in the guest.
 *
 * @param bzImage    the kernel image QEMU loads with {@code -kernel}
 * @param modulesDir {@code lib/modules/RELEASE} when VFIO and 9p are modules (Debian's kernels);
 *                   empty for a kernel with everything built in
 * @param release    what {@code uname -r} will print, read from the image itself
 * @param origin     where it came from, for reports: a path or {@code debian:PACKAGE=VERSION}
 */
public record GuestKernel(Path bzImage, Optional<Path> modulesDir, String release, String origin) {

    /** {@code --kernel PATH}: a developer's bzImage, everything needed built in. */
    public static GuestKernel fromBzImage(Path bzImage) throws GuestSetupException {
        return fromBzImage(bzImage, null);
    }

    /** A developer's bzImage plus the modules directory of the same build ({@code make modules_install}). */
    public static GuestKernel fromBzImage(Path bzImage, Path modulesDir) throws GuestSetupException {
        if (!Files.isRegularFile(bzImage)) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.KERNEL_MISSING, "no kernel image at " + bzImage,
                    "build one (see docs/virtual-lab-host.md) or pass the path of an existing bzImage"));
        }
        if (modulesDir != null && !Files.isDirectory(modulesDir)) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.KERNEL_MISSING,
                    "no modules directory at " + modulesDir, "make modules_install INSTALL_MOD_PATH=DIR, then pass DIR/lib/modules/RELEASE"));
        }
        String release;
        try {
            release = BzImageHeader.release(bzImage);
        } catch (IOException e) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.KERNEL_MISSING, e.getMessage(),
                    "pass arch/x86/boot/bzImage (not vmlinux)"), e);
        }
        return new GuestKernel(bzImage.toAbsolutePath(), Optional.ofNullable(modulesDir).map(Path::toAbsolutePath),
                release, bzImage.toAbsolutePath().toString());
    }

    public boolean hasModules() {
        return modulesDir.isPresent();
    }
}
