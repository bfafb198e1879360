package io.vfiorig.vfio.uapi;

/**
 * An {@code iommu_iova_range}: IOVAs that may be mapped.
 *
 * @param start first IOVA
 * @param last  last IOVA, inclusive (unsigned)
 */
public record IovaRange(long start, long last) {
}
