package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestSetupException;
import io.vfiorig.agent.vm.PackagedKernels;
import java.nio.file.Path;

/** Resolves the CLI's {@code --kernel PATH|debian:SERIES} to a bootable kernel. */
public final class GuestKernels {
    public static final String DEBIAN = "debian:";
    public static final String USAGE = "--kernel PATH (a bzImage built with vfio-guest.config.fragment)"
            + " or --kernel debian:SERIES (e.g. debian:7.3, fetched through apt)";

    private GuestKernels() {}

    /**
     * @param text a bzImage path, or {@code debian:7.3} / {@code debian:6.12} / {@code debian:7.3.4}
     * @throws GuestSetupException when the image is missing or the package cannot be fetched (the
     *                             failure names the fix)
     */
    public static GuestKernel resolve(String text) throws GuestSetupException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a vm device needs a kernel: " + USAGE);
        }
        String t = text.strip();
        if (t.startsWith(DEBIAN)) {
            String series = t.substring(DEBIAN.length());
            if (!series.matches("\\d+\\.\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("kernel '" + t + "': the Debian series must look like 7.3 or 6.12.118");
            }
            return PackagedKernels.fetch(series, PackagedKernels.defaultCacheDir());
        }
        return GuestKernel.fromBzImage(Path.of(t));
    }
}
