package io.vfiorig.agent.vm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the guest kernels the tests boot: {@code -Drig.vm.kernel=PATH} (debug build:
 * {@code -Drig.vm.debug-kernel=PATH}), else {@code ../shared/kernels/} beside the clone (as on CI).
 */
public final class TestKernels {
    static final String DEFAULT_IMAGE = "bzImage-7.3.4-vfio";
    static final String DEBUG_IMAGE = "bzImage-7.3.4-vfio-debug";

    private TestKernels() {}

    public static Path sharedKernel() {
        return locate("rig.vm.kernel", DEFAULT_IMAGE);
    }

    /** The debug build: lockdep, atomic-sleep checks, hung-task detection, dynamic debug. */
    public static Path debugKernel() {
        return locate("rig.vm.debug-kernel", DEBUG_IMAGE);
    }

    /** The clone's root: the nearest folder up from the working directory that holds mvnw. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the vfio-rig clone: " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** A kernel that must exist: a missing one fails the test with where it was looked for. */
    public static Path requireSharedKernel() {
        return require(sharedKernel(), "rig.vm.kernel");
    }

    public static Path requireDebugKernel() {
        return require(debugKernel(), "rig.vm.debug-kernel");
    }

    private static Path locate(String property, String sharedImage) {
        String prop = System.getProperty(property);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return repoRoot().getParent().resolve("shared").resolve("kernels").resolve(sharedImage);
    }

    private static Path require(Path kernel, String property) {
        if (!Files.isRegularFile(kernel)) {
            throw new AssertionError("guest kernel not found at " + kernel + ": CI keeps shared/kernels/ beside the clone;"
                    + " elsewhere pass -D" + property + "=/path/to/bzImage (built with vfio-guest.config.fragment)");
        }
        return kernel;
    }
}
