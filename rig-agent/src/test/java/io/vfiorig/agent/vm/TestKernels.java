package io.vfiorig.agent.vm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the guest kernels the tests boot: {@code -Drig.vm.kernel=PATH}, else {@code ../shared/kernels/} beside the clone (as on CI). */
public final class TestKernels {
    static final String DEFAULT_IMAGE = "bzImage-7.3.4-vfio";

    private TestKernels() {}

    public static Path sharedKernel() {
        String prop = System.getProperty("rig.vm.kernel");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return repoRoot().getParent().resolve("shared").resolve("kernels").resolve(DEFAULT_IMAGE);
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
        Path k = sharedKernel();
        if (!Files.isRegularFile(k)) {
            throw new AssertionError("guest kernel not found at " + k + ": CI keeps shared/kernels/ beside the clone;"
                    + " elsewhere pass -Drig.vm.kernel=/path/to/bzImage (built with vfio-guest.config.fragment)");
        }
        return k;
    }
}
