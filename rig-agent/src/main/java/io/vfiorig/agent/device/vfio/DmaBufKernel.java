package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import java.util.List;

/**
 * Which answers a kernel owes in the DMA_BUF series table (docs/vfio-series.md), decided from the
 * VFIO_DEVICE_FEATURE_PROBE answers at open: the DMABUF-mmap series (DMA_BUF, DMA_BUF_REVOKE and
 * DMA_BUF_MEMATTR all probed), mainline DMA_BUF export only (6.19+, Debian 7.3), or no DMA_BUF (6.12).
 *
 * @param kind    the column of the table this kernel answers
 * @param release {@code uname -r}
 * @param series  the series' feature ids that were probed, with their source
 * @param why     the probe answers behind {@code kind}, for skip reasons and facts
 */
public record DmaBufKernel(Kind kind, String release, DmaBufSeriesFeatures series, String why) {

    /** The table's columns. */
    public enum Kind {
        SERIES("with the DMABUF-mmap series"),
        EXPORT_ONLY("DMA_BUF export without the series"),
        NO_DMA_BUF("no DMA_BUF feature");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Decides from the probe answers; the series needs both of its features. */
    public static DmaBufKernel of(String release, DmaBufSeriesFeatures series, List<FeatureSupport> probed) {
        FeatureSupport dmaBuf = find(probed, "DMA_BUF");
        FeatureSupport revoke = find(probed, "DMA_BUF_REVOKE");
        FeatureSupport memattr = find(probed, "DMA_BUF_MEMATTR");
        if (!dmaBuf.supported()) {
            return new DmaBufKernel(Kind.NO_DMA_BUF, release, series, dmaBuf.reason());
        }
        if (revoke.supported() && memattr.supported()) {
            return new DmaBufKernel(Kind.SERIES, release, series, "DMA_BUF, DMA_BUF_REVOKE and DMA_BUF_MEMATTR probed: "
                    + series.describe());
        }
        return new DmaBufKernel(Kind.EXPORT_ONLY, release, series,
                (revoke.supported() ? memattr.reason() : revoke.reason()));
    }

    /** The kernel of an opened device. */
    public static DmaBufKernel of(VfioDevice device) {
        return of(device.kernelRelease(), device.seriesFeatures(), device.dmaBufFeatures());
    }

    public boolean hasSeries() {
        return kind == Kind.SERIES;
    }

    public boolean hasExport() {
        return kind != Kind.NO_DMA_BUF;
    }

    /** e.g. {@code kernel 7.3.4 (DMA_BUF export without the series)}. */
    public String describe() {
        return "kernel " + release + " (" + kind.text() + ")";
    }

    private static FeatureSupport find(List<FeatureSupport> probed, String name) {
        return probed.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no probe answer for " + name + " in " + probed));
    }
}
