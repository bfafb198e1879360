package io.vfiorig.cli;

import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestSetupException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kernels the rig-cli guest tests boot (surefire runs them in rig-cli/, beside ../shared as on CI). */
final class VmKernels {
    private VmKernels() {}

    /** {@code -Drig.vm.kernel=PATH}, else the shared 7.3.4 build (iommufd cdev, noiommu, virtio-pci built in). */
    static GuestKernel shared() throws GuestSetupException {
        return locate("rig.vm.kernel", "bzImage-7.3.4-vfio");
    }

    /** {@code -Drig.vm.debug-kernel=PATH}, else the shared debug build (lockdep, atomic-sleep, hung-task, dyndbg). */
    static GuestKernel debug() throws GuestSetupException {
        return locate("rig.vm.debug-kernel", "bzImage-7.3.4-vfio-debug");
    }

    private static GuestKernel locate(String property, String sharedImage) throws GuestSetupException {
        String prop = System.getProperty(property, "");
        Path k = prop.isBlank() ? checkout().getParent().resolve("shared/kernels/" + sharedImage) : Path.of(prop);
        if (!Files.isRegularFile(k)) {
            throw new AssertionError("no guest kernel at " + k + "; CI keeps shared/kernels/ beside the clone;"
                    + " elsewhere pass -D" + property + "=/path/to/bzImage");
        }
        return GuestKernel.fromBzImage(k);
    }

    /** Test output folder for a guest run. */
    static Path work(String name) {
        return checkout().resolve("rig-cli/target/vm-test").resolve(name);
    }

    private static Path checkout() {
        Path cwd = Path.of("").toAbsolutePath();
        return Files.exists(cwd.resolve("mvnw")) ? cwd : cwd.getParent();
    }
}
