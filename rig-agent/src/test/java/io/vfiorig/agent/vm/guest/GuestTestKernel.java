package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestSetupException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel guest tests boot: {@code -Drig.vm.kernel=PATH}, else {@code ../shared/kernels/bzImage-7.3.4-vfio} beside the clone (as on CI). */
final class GuestTestKernel {
    private GuestTestKernel() {}

    static GuestKernel require() throws GuestSetupException {
        return require("rig.vm.kernel", "bzImage-7.3.4-vfio");
    }

    /** The debug build (lockdep, atomic-sleep checks, hung-task detection): {@code -Drig.vm.debug-kernel=PATH}, else beside the clone. */
    static GuestKernel requireDebug() throws GuestSetupException {
        return require("rig.vm.debug-kernel", "bzImage-7.3.4-vfio-debug");
    }

    private static GuestKernel require(String property, String shared) throws GuestSetupException {
        String prop = System.getProperty(property);
        Path k = prop != null && !prop.isBlank() ? Path.of(prop)
                : repoRoot().getParent().resolve("shared/kernels/" + shared);
        if (!Files.isRegularFile(k)) {
            throw new AssertionError("guest kernel not found at " + k + ": CI keeps shared/kernels/ beside the clone;"
                    + " elsewhere pass -D" + property + "=/path/to/bzImage (built with vfio-guest.config.fragment)");
        }
        return GuestKernel.fromBzImage(k);
    }

    /** The clone's root: the nearest folder up from the working directory that holds mvnw. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the vfio-rig clone: " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
