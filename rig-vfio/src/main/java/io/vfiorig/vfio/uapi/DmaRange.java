package io.vfiorig.vfio.uapi;

/**
 * A {@code vfio_region_dma_range}: one slice of a BAR in a dma-buf. Both must be page aligned and
 * non-zero length, inside the BAR (else EINVAL / EOVERFLOW).
 *
 * @param offset from the start of the BAR
 * @param length bytes
 */
public record DmaRange(long offset, long length) {
}
