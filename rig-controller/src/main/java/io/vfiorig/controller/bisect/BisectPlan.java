package io.vfiorig.controller.bisect;

import java.util.List;

/**
 * What a bisection was asked to do. Saved in the state file, so a resumed bisection continues the
 * same plan whatever the command line says.
 *
 * @param mode           {@link #GIT} (build each commit of a kernel tree) or {@link #KERNELS} (prebuilt kernels)
 * @param tree           the kernel tree (git mode), else {@code null}
 * @param good           a revision (git) or list entry (kernels) known to be good
 * @param bad            one known to be bad
 * @param kernels        the prebuilt kernels, oldest first (kernels mode), else empty
 * @param suite          the suite each step runs
 * @param target         {@code vm:DEVICE} or {@code host:NAME}, as given
 * @param buildCmd       shell command building the kernel in the tree, or {@code null} for the default
 * @param kernelImage    where the build leaves the kernel, relative to the tree
 * @param configFragment the rig's config fragment merged before {@code make olddefconfig} (default build)
 * @param maxRuns        at most this many runs of one kernel when its verdict is weak (adaptive repeats)
 * @param infraRetries   how often a build, boot or run that failed for infrastructure reasons is retried
 * @param run            how each kernel is booted and run, kept so that a resume runs it the same way
 */
public record BisectPlan(String mode, String tree, String good, String bad, List<String> kernels, String suite,
        String target, String buildCmd, String kernelImage, String configFragment, int maxRuns, int infraRetries,
        RunSettings run) {

    /**
     * How the suite reaches the kernel; the engine passes it to the {@link SuiteExecution} the
     * caller builds from it.
     *
     * @param devices  device specs for a host target (the suite's devices once the host is up)
     * @param bootHook the {@code --boot-hook} command, or {@code null}
     * @param runCmd   the {@code --run-cmd} command, or {@code null}
     */
    public record RunSettings(List<String> devices, String bootHook, String runCmd) {
        public static final RunSettings NONE = new RunSettings(List.of(), null, null);

        public RunSettings {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    public static final String GIT = "git";
    public static final String KERNELS = "kernels";
    public static final String DEFAULT_IMAGE = "arch/x86/boot/bzImage";

    public BisectPlan {
        kernels = kernels == null ? List.of() : List.copyOf(kernels);
        run = run == null ? RunSettings.NONE : run;
        if (!GIT.equals(mode) && !KERNELS.equals(mode)) {
            throw new IllegalArgumentException("bisect mode must be git or kernels, got " + mode);
        }
        if (maxRuns < 1) {
            throw new IllegalArgumentException("--max-runs must be at least 1, got " + maxRuns);
        }
        if (infraRetries < 0) {
            throw new IllegalArgumentException("--infra-retries must be at least 0, got " + infraRetries);
        }
    }

    /** @return whether commits are built from a git tree (else prebuilt kernels are listed) */
    public boolean git() {
        return GIT.equals(mode);
    }
}
