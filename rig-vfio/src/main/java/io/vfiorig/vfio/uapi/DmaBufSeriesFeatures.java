package io.vfiorig.vfio.uapi;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feature ids of the unmerged DMABUF-mmap series (Matt Evans, "vfio/pci: Add mmap() for DMABUFs"):
 * DMA_BUF_REVOKE (SET {@code {s32 dmabuf_fd}}) and DMA_BUF_MEMATTR (SET {@code {s32 dmabuf_fd, u32 memattr}}).
 *
 * <p>The numbers are not settled: v4 on 7.1 uses 13/14; 7.3 took 13 for ZPCI_ERROR, so a 7.3 port
 * uses 14/15. Callers must confirm the ids with VFIO_DEVICE_FEATURE_PROBE before use and report
 * {@link #source()} with their results: the rig never guesses silently.
 *
 * @param revoke  feature id of DMA_BUF_REVOKE
 * @param memattr feature id of DMA_BUF_MEMATTR
 * @param source  where the numbers came from, e.g. "v4 on 7.1", "default for 7.3+", "override"
 */
public record DmaBufSeriesFeatures(int revoke, int memattr, String source) {

    /** Source text of the newest known numbering. */
    public static final String DEFAULT_SOURCE = "default for 7.3+";
    /** The newest known numbering (7.3 and later): revoke 14, memattr 15. */
    public static final DmaBufSeriesFeatures DEFAULT = new DmaBufSeriesFeatures(14, 15, DEFAULT_SOURCE);
    /** The v4 posting on 7.1: revoke 13, memattr 14. */
    public static final DmaBufSeriesFeatures V4_ON_7_1 = new DmaBufSeriesFeatures(13, 14, "v4 on 7.1");

    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    /**
     * Validates the ids.
     *
     * @throws IllegalArgumentException if an id is outside 13..0xffff (0-12 are mainline features)
     *                                  or both ids are equal
     */
    public DmaBufSeriesFeatures {
        Objects.requireNonNull(source, "source");
        checkId("revoke", revoke);
        checkId("memattr", memattr);
        if (revoke == memattr) {
            throw new IllegalArgumentException("revoke and memattr feature ids must differ, both are " + revoke);
        }
    }

    /**
     * The numbering for a kernel release string such as {@code uname -r} prints.
     *
     * <p>7.1.x gives v4's 13/14; 7.3 and newer give 14/15. Anything else (older kernels, 7.2,
     * unparseable text) gets {@link #DEFAULT}'s numbers with a source that says no numbering is known
     * for that release.
     *
     * @param release e.g. {@code "7.3.4-vfio"}
     * @return the ids and where they came from
     */
    public static DmaBufSeriesFeatures forKernel(String release) {
        Matcher m = release == null ? null : RELEASE.matcher(release.trim());
        if (m == null || !m.find()) {
            return fallback("unparseable kernel release \"" + release + "\"");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 7 && minor == 1) {
            return V4_ON_7_1;
        }
        if (major > 7 || (major == 7 && minor >= 3)) {
            return DEFAULT;
        }
        return fallback("kernel " + release.trim() + " has no known series numbering");
    }

    /**
     * Explicit ids, e.g. from a command-line override.
     *
     * @param revoke  DMA_BUF_REVOKE feature id
     * @param memattr DMA_BUF_MEMATTR feature id
     * @return the ids with source "override"
     */
    public static DmaBufSeriesFeatures of(int revoke, int memattr) {
        return new DmaBufSeriesFeatures(revoke, memattr, "override");
    }

    /** {@return e.g. {@code "DMA_BUF_REVOKE=14, DMA_BUF_MEMATTR=15 (default for 7.3+)"}, for reports} */
    public String describe() {
        return "DMA_BUF_REVOKE=" + revoke + ", DMA_BUF_MEMATTR=" + memattr + " (" + source + ")";
    }

    private static DmaBufSeriesFeatures fallback(String why) {
        return new DmaBufSeriesFeatures(DEFAULT.revoke, DEFAULT.memattr, DEFAULT_SOURCE + "; " + why);
    }

    private static void checkId(String what, int id) {
        if (id <= VfioConst.VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2 || id > VfioConst.VFIO_DEVICE_FEATURE_MASK) {
            throw new IllegalArgumentException(what + " feature id " + id
                    + " is outside 13..65535 (0-12 are mainline features, e.g. 11 = DMA_BUF)");
        }
    }
}
