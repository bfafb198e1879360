package io.vfiorig.agent.device.vfio;

/**
 * Whether the kernel supports one VFIO device feature, as VFIO_DEVICE_FEATURE_PROBE answered.
 * An unsupported feature is a skip with {@link #reason()}, never a pass.
 *
 * @param id        the feature id that was probed
 * @param name      e.g. {@code DMA_BUF}, {@code DMA_BUF_REVOKE}
 * @param access    {@code GET} or {@code SET}: what was asked for
 * @param supported PROBE succeeded
 * @param reason    for a supported feature where its number came from; otherwise kernel, ioctl and errno
 */
public record FeatureSupport(int id, String name, String access, boolean supported, String reason) {
    /** One line for facts: {@code supported (id 11)} or {@code unsupported: ...}. */
    public String describe() {
        return (supported ? "supported (id " + id + ")" : "unsupported") + ": " + reason;
    }
}
