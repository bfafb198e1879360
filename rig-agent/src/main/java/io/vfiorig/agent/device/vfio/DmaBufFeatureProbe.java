package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import io.vfiorig.vfio.uapi.DeviceFeature;
import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Asks the kernel, with VFIO_DEVICE_FEATURE_PROBE, which DMA_BUF features it has: mainline
 * DMA_BUF (11, GET) and the DMABUF-mmap series' DMA_BUF_REVOKE and DMA_BUF_MEMATTR (SET), whose
 * numbers differ per kernel ({@link DmaBufSeriesFeatures#forKernel}). The numbers used are always
 * reported; nothing is guessed silently.
 */
public final class DmaBufFeatureProbe {
    private DmaBufFeatureProbe() {}

    /** Probes through the device fd. */
    public static List<FeatureSupport> probe(DeviceFd fd, String release, DmaBufSeriesFeatures series) {
        return probe(flags -> fd.with("probe a device feature", f -> {
            try (Arena arena = Arena.ofConfined()) {
                var req = DeviceFeature.allocate(arena, flags, 0);
                try {
                    Libc.ioctl(f, VfioIoctl.VFIO_DEVICE_FEATURE, req);
                    return 0;
                } catch (NativeCallException e) {
                    return e.errno();
                }
            }
        }), release, series);
    }

    /**
     * The decisions, given a call that returns 0 or an errno for a feature-flags word. Pure, for tests.
     *
     * @param ioctl flags → 0 on success, else errno
     */
    static List<FeatureSupport> probe(IntUnaryOperator ioctl, String release, DmaBufSeriesFeatures series) {
        return List.of(
                one(ioctl, VfioConst.VFIO_DEVICE_FEATURE_DMA_BUF, "DMA_BUF", VfioConst.VFIO_DEVICE_FEATURE_GET, release,
                        "mainline id (6.19+)"),
                one(ioctl, series.revoke(), "DMA_BUF_REVOKE", VfioConst.VFIO_DEVICE_FEATURE_SET, release,
                        "series numbering " + series.describe()),
                one(ioctl, series.memattr(), "DMA_BUF_MEMATTR", VfioConst.VFIO_DEVICE_FEATURE_SET, release,
                        "series numbering " + series.describe()));
    }

    private static FeatureSupport one(IntUnaryOperator ioctl, int id, String name, int access, String release,
            String source) {
        String accessName = access == VfioConst.VFIO_DEVICE_FEATURE_GET ? "GET" : "SET";
        int errno = ioctl.applyAsInt(VfioConst.VFIO_DEVICE_FEATURE_PROBE | access | id);
        if (errno == 0) {
            return new FeatureSupport(id, name, accessName, true, source);
        }
        return new FeatureSupport(id, name, accessName, false, "VFIO_DEVICE_FEATURE PROBE|" + accessName + " of " + id
                + " (" + name + ") on kernel " + release + ": " + Errno.name(errno) + " (" + meaning(errno) + "); "
                + source);
    }

    private static String meaning(int errno) {
        return switch (errno) {
            case Errno.ENOTTY -> "the kernel does not know this feature id";
            case Errno.EINVAL -> "known id, but not with this access: another feature holds the number";
            case Errno.EOPNOTSUPP -> "the device cannot provide it";
            default -> "unexpected";
        };
    }
}
