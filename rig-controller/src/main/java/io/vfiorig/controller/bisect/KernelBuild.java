package io.vfiorig.controller.bisect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the kernel checked out in the tree and keeps a copy of the image per commit, so a resumed
 * bisection or a repeat of the good kernel needs no rebuild.
 */
final class KernelBuild {
    /** A full build takes 25–30 min on 2 cores; allow for slower machines. */
    static final Duration TIMEOUT = Duration.ofHours(3);

    /**
     * The default build: the tree's .config (or x86_64_defconfig + kvm_guest.config when there is
     * none) with the rig's fragment merged, {@code olddefconfig}, then {@code bzImage}.
     */
    static final String DEFAULT = """
            set -e
            [ -f .config ] || { make x86_64_defconfig && make kvm_guest.config; }
            scripts/kconfig/merge_config.sh -m .config "$RIG_CONFIG_FRAGMENT"
            make olddefconfig
            make -j"$(nproc)" bzImage""";

    private final BisectPlan plan;
    private final Path dir;

    KernelBuild(BisectPlan plan, Path dir) {
        this.plan = plan;
        this.dir = dir;
    }

    /** @return the kernel to boot for {@code rev}: a saved copy of the built image */
    Path build(String rev) throws InfraFailure, InterruptedException {
        Path saved = dir.resolve("kernels").resolve(rev).resolve("bzImage");
        if (Files.isRegularFile(saved)) {
            return saved;
        }
        Path tree = Path.of(plan.tree());
        String script = plan.buildCmd() != null ? plan.buildCmd() : DEFAULT;
        Path log = dir.resolve("kernels").resolve(rev).resolve("build.log");
        Shell.Result r;
        try {
            r = Shell.sh(script, tree, Map.of("RIG_BISECT_REV", rev, "RIG_CONFIG_FRAGMENT",
                    plan.configFragment() == null ? "" : Path.of(plan.configFragment()).toAbsolutePath().toString()), log, TIMEOUT);
        } catch (IOException e) {
            throw new InfraFailure("build could not start: " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new InfraFailure("build of " + abbrev(rev) + " exited " + r.exit() + " (log " + log + "): " + r.tail());
        }
        Path image = tree.resolve(plan.kernelImage());
        if (!Files.isRegularFile(image)) {
            throw new InfraFailure("build of " + abbrev(rev) + " left no " + image + "; set --kernel-image to where it puts the kernel");
        }
        try {
            Path tmp = saved.resolveSibling("bzImage.tmp");
            Files.copy(image, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InfraFailure("could not keep a copy of " + image + ": " + e.getMessage(), e);
        }
        return saved;
    }

    static String abbrev(String rev) {
        return rev.matches("[0-9a-f]{40}") ? rev.substring(0, 12) : rev;
    }
}
