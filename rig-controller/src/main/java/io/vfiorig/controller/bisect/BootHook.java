package io.vfiorig.controller.bisect;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --boot-hook} for a real host: a lab's own script boots the kernel (kexec, a boot entry and
 * a power cycle, ...) and prints the booted {@code uname -r} as its last line (e.g. by running
 * {@code ssh HOST uname -r} once the host is up). The rig confirms it is the kernel it built
 * before the suite runs; a wrong or missing release is an infrastructure failure. The hook gets
 * {@code RIG_KERNEL}, {@code RIG_KERNEL_RELEASE} (from the bzImage header), {@code RIG_REV} and
 * {@code RIG_TARGET}.
 */
public final class BootHook implements SuiteExecution {
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final String hook;
    private final String target;
    private final SuiteExecution suite;

    /** @param suite what runs once the host is up on the kernel */
    public BootHook(String hook, String target, SuiteExecution suite) {
        this.hook = hook;
        this.target = target;
        this.suite = suite;
    }

    @Override
    public RunResults run(String rev, String kernel, Path out) throws InfraFailure, InterruptedException {
        String expected = release(kernel);
        Shell.Result r;
        try {
            r = Shell.sh(hook, out, Map.of("RIG_KERNEL", kernel, "RIG_KERNEL_RELEASE", expected == null ? "" : expected,
                    "RIG_REV", rev, "RIG_TARGET", target), out.resolve("boot-hook.log"), TIMEOUT);
        } catch (IOException e) {
            throw new InfraFailure("--boot-hook could not start: " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new InfraFailure("--boot-hook exited " + r.exit() + ": " + r.tail());
        }
        String booted = r.output().strip().lines().reduce((a, b) -> b).orElse("").strip();
        if (expected != null && !booted.equals(expected)) {
            throw new InfraFailure("the host booted '" + booted + "', not the kernel under test (" + expected
                    + "); the boot hook must print the booted uname -r as its last line");
        }
        return suite.run(rev, kernel, out);
    }

    /** @return the release in a bzImage's header, or null for something that is not one */
    static String release(String kernel) {
        Path p = Path.of(kernel);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return GuestKernel.fromBzImage(p).release();
        } catch (GuestSetupException | RuntimeException e) {
            return null;
        }
    }
}
