/**
 * The VFIO and iommufd user-space ABI as Java constants, {@link java.lang.foreign.StructLayout}s and
 * small typed accessors.
 *
 * <p>Source: torvalds/linux {@code include/uapi/linux/vfio.h} @02256acf (6.19-era) and
 * {@code include/uapi/linux/iommufd.h}, as summarised in the rig's reference
 * {@code vfio-uapi-and-fault-path.md}; the unmerged DMABUF-mmap series' feature numbers live in
 * {@link io.vfiorig.vfio.uapi.DmaBufSeriesFeatures}.
 *
 * <p>Differences from Debian 12's {@code linux-libc-dev} 6.1 header (what gcc sees on the build host),
 * checked by compiling both: 6.1's {@code vfio_device_info} has no {@code pad} (20 bytes, not 24; the
 * kernel's minimum argsz is 20, so 24 works on both); 6.1's {@code vfio_pci_dependent_device} has only
 * {@code group_id} (no devid union) and no hot-reset {@code FLAG_DEV_ID*}; 6.1 has no cdev ioctls
 * (18-20), no feature ids 9-12, no {@code vfio_device_feature_dma_buf}, no {@code iommufd.h}; 6.1
 * still names extension 6 {@code VFIO_TYPE1_NESTING_IOMMU} (now reserved). Every number and offset
 * that 6.1 does define matches.
 */
package io.vfiorig.vfio.uapi;
