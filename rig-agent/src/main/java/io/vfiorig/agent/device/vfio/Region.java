package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.uapi.SparseMmapCap;
import io.vfiorig.vfio.uapi.VfioConst;
import java.util.List;

/**
 * One region of a vfio-pci device as VFIO_DEVICE_GET_REGION_INFO described it.
 *
 * @param index        region index (BAR0..5 = 0..5, ROM 6, CONFIG 7, VGA 8)
 * @param flags        {@code VFIO_REGION_INFO_FLAG_*}
 * @param size         bytes; 0 for an unimplemented BAR
 * @param offset       where the region is in the device fd (pread/pwrite/mmap); never computed
 * @param capabilities capability ids in chain order
 * @param sparseAreas  the SPARSE_MMAP areas, empty when the whole region may be mapped
 * @param msixMappable the MSIX_MAPPABLE capability was present
 * @param queries      ioctl calls it took (2 when the kernel raised argsz for capabilities)
 */
public record Region(int index, int flags, long size, long offset, List<Integer> capabilities,
        List<SparseMmapCap.Area> sparseAreas, boolean msixMappable, int queries) {

    public Region {
        capabilities = List.copyOf(capabilities);
        sparseAreas = List.copyOf(sparseAreas);
    }

    public boolean isBar() {
        return index >= VfioConst.VFIO_PCI_BAR0_REGION_INDEX && index <= VfioConst.VFIO_PCI_BAR5_REGION_INDEX;
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** A BAR the rig maps: implemented, mmap-able, and (if sparse) one area covering all of it. */
    public boolean mappable() {
        return isBar() && size > 0 && has(VfioConst.VFIO_REGION_INFO_FLAG_MMAP)
                && (sparseAreas.isEmpty() || sparseAreas.stream().anyMatch(a -> a.offset() == 0 && a.size() >= size));
    }
}
