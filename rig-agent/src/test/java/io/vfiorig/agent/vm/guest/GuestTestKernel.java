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

    static Path repoRoot() {
        return TestKernels.repoRoot();
    }
}
