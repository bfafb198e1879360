package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestSetupException;
import io.vfiorig.agent.vm.TestKernels;
import java.nio.file.Path;

/** The kernel guest tests boot: {@code -Drig.vm.kernel=PATH}, else {@code ../shared/kernels/bzImage-7.3.4-vfio} beside the clone (as on CI). */
final class GuestTestKernel {
    private GuestTestKernel() {}

    static GuestKernel require() throws GuestSetupException {
        return GuestKernel.fromBzImage(TestKernels.requireSharedKernel());
    }

    /** The debug build (lockdep, atomic-sleep checks, hung-task detection): {@code -Drig.vm.debug-kernel=PATH}, else beside the clone. */
    static GuestKernel requireDebug() throws GuestSetupException {
        return GuestKernel.fromBzImage(TestKernels.requireDebugKernel());
    }

    static Path repoRoot() {
        return TestKernels.repoRoot();
    }
}
