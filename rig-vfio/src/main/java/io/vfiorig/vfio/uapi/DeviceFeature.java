package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code vfio_device_feature} for VFIO_DEVICE_FEATURE: an 8-byte header {argsz, flags} and the
 * feature's payload at offset 8. {@code flags} = feature id | GET / SET / PROBE.
 */
public final class DeviceFeature {
    /** The header layout. */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_FEATURE;
    /** Bytes before the payload. */
    public static final long HEADER_SIZE = LAYOUT.byteSize();
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");

    private DeviceFeature() {
    }

    /**
     * A zeroed feature buffer; fill the payload through {@link #payload(MemorySegment)}.
     *
     * @param arena       owner of the buffer
     * @param flags       feature id | {@code VFIO_DEVICE_FEATURE_GET/SET/PROBE}
     * @param payloadSize payload bytes after the header
     * @return the buffer with argsz = 8 + payloadSize and flags set
     */
    public static MemorySegment allocate(Arena arena, int flags, long payloadSize) {
        if (payloadSize < 0) {
            throw new IllegalArgumentException("negative payload size " + payloadSize);
        }
        MemorySegment s = Buffers.zeroed(arena, HEADER_SIZE + payloadSize);
        ARGSZ.setInt(s, (int) (HEADER_SIZE + payloadSize));
        FLAGS.setInt(s, flags);
        return s;
    }

    /**
     * A PROBE request: succeeds if the feature and the given access bits are supported. Use it to
     * confirm the DMABUF series' ids before relying on them.
     *
     * @param arena     owner of the buffer
     * @param featureId the feature id
     * @param access    0, {@code VFIO_DEVICE_FEATURE_GET}, {@code _SET}, or both
     * @return the buffer (header only)
     */
    public static MemorySegment probe(Arena arena, int featureId, int access) {
        checkFeatureId(featureId);
        return allocate(arena, VfioConst.VFIO_DEVICE_FEATURE_PROBE | access | featureId, 0);
    }

    /**
     * {@return argsz}
     *
     * @param s the buffer
     */
    public static int argsz(MemorySegment s) {
        return ARGSZ.getInt(s);
    }

    /**
     * {@return flags}
     *
     * @param s the buffer
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return the feature id ({@code flags & VFIO_DEVICE_FEATURE_MASK})}
     *
     * @param s the buffer
     */
    public static int featureId(MemorySegment s) {
        return flags(s) & VfioConst.VFIO_DEVICE_FEATURE_MASK;
    }

    /**
     * {@return the payload bytes after the header}
     *
     * @param s the buffer
     */
    public static MemorySegment payload(MemorySegment s) {
        return s.asSlice(HEADER_SIZE);
    }

    static void checkFeatureId(int featureId) {
        if ((featureId & ~VfioConst.VFIO_DEVICE_FEATURE_MASK) != 0) {
            throw new IllegalArgumentException("feature id " + featureId + " does not fit in 16 bits");
        }
    }
}
