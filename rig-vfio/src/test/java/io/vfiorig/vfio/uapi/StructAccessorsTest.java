package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The typed accessors write and read the bytes the kernel expects. Expected offsets are written out
 * as numbers (from the reference), not taken from the layouts under test.
 */
public class StructAccessorsTest {

    @Test
    public void regionInfoRequestAndReply() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = RegionInfo.allocate(arena, VfioConst.VFIO_PCI_CONFIG_REGION_INDEX);
            assertEquals(s.byteSize(), 32);
            assertEquals(s.get(JAVA_INT, 0), 32, "argsz");
            assertEquals(s.get(JAVA_INT, 8), 7, "index");
            s.set(JAVA_INT, 4, 0b0111);
            s.set(JAVA_LONG, 16, 256);
            s.set(JAVA_LONG, 24, 7L << 40);
            assertEquals(RegionInfo.size(s), 256);
            assertEquals(RegionInfo.offset(s), 7L << 40);
            assertTrue(RegionInfo.hasFlag(s, VfioConst.VFIO_REGION_INFO_FLAG_MMAP));
            assertFalse(RegionInfo.hasFlag(s, VfioConst.VFIO_REGION_INFO_FLAG_CAPS));
            assertFalse(RegionInfo.needsLargerBuffer(s));
            assertThrows(IllegalArgumentException.class, () -> RegionInfo.allocate(arena, 0, 16));
        }
    }

    @Test
    public void deviceInfoUsesTheFullArgsz() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = DeviceInfo.allocate(arena);
            assertEquals(s.get(JAVA_INT, 0), 24);
            s.set(JAVA_INT, 4, VfioConst.VFIO_DEVICE_FLAGS_PCI | VfioConst.VFIO_DEVICE_FLAGS_RESET);
            s.set(JAVA_INT, 8, 9);
            s.set(JAVA_INT, 12, 5);
            assertEquals(DeviceInfo.numRegions(s), 9);
            assertEquals(DeviceInfo.numIrqs(s), 5);
            assertEquals(DeviceInfo.capabilities(s), List.of());
        }
    }

    @Test
    public void groupStatusFlags() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = GroupStatus.allocate(arena);
            assertEquals(s.get(JAVA_INT, 0), 8);
            assertFalse(GroupStatus.isViable(s));
            s.set(JAVA_INT, 4, 1);
            assertTrue(GroupStatus.isViable(s));
            assertFalse(GroupStatus.isContainerSet(s));
        }
    }

    @Test
    public void dmaBufRequestBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = DmaBufFeature.request(arena, 0, 0x80002,
                    List.of(new DmaRange(0, 0x1000), new DmaRange(0x2000, 0x3000)));
            // ref: argsz = 8 + 16 + 16·n
            assertEquals(DmaBufFeature.argsz(2), 56);
            assertEquals(s.byteSize(), 56);
            assertEquals(s.get(JAVA_INT, 0), 56, "argsz");
            assertEquals(s.get(JAVA_INT, 4), (1 << 16) | 11, "flags = GET | DMA_BUF");
            assertEquals(s.get(JAVA_INT, 8), 0, "region_index");
            assertEquals(s.get(JAVA_INT, 12), 0x80002, "open_flags");
            assertEquals(s.get(JAVA_INT, 16), 0, "flags must be 0");
            assertEquals(s.get(JAVA_INT, 20), 2, "nr_ranges");
            assertEquals(s.get(JAVA_LONG, 24), 0L);
            assertEquals(s.get(JAVA_LONG, 32), 0x1000L);
            assertEquals(s.get(JAVA_LONG, 40), 0x2000L);
            assertEquals(s.get(JAVA_LONG, 48), 0x3000L);
            assertEquals(DmaBufFeature.range(s, 1), new DmaRange(0x2000, 0x3000));
            assertEquals(DmaBufFeature.nrRanges(s), 2);
        }
    }

    @Test
    public void seriesRequestsUseTheChosenIds() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment revoke = DmaBufSeriesRequests.revoke(arena, DmaBufSeriesFeatures.V4_ON_7_1, 42);
            assertEquals(revoke.byteSize(), 12);
            assertEquals(revoke.get(JAVA_INT, 0), 12);
            assertEquals(revoke.get(JAVA_INT, 4), (1 << 17) | 13, "SET | 13 on 7.1");
            assertEquals(revoke.get(JAVA_INT, 8), 42);
            MemorySegment wc = DmaBufSeriesRequests.memattr(arena, DmaBufSeriesFeatures.DEFAULT, 42,
                    VfioConst.VFIO_DMA_BUF_MEMATTR_WC);
            assertEquals(wc.get(JAVA_INT, 0), 16);
            assertEquals(wc.get(JAVA_INT, 4), (1 << 17) | 15, "SET | 15 on 7.3+");
            assertEquals(wc.get(JAVA_INT, 8), 42);
            assertEquals(wc.get(JAVA_INT, 12), 1);
        }
    }

    @Test
    public void probeRequest() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = DeviceFeature.probe(arena, 14, VfioConst.VFIO_DEVICE_FEATURE_SET);
            assertEquals(p.byteSize(), 8);
            assertEquals(p.get(JAVA_INT, 0), 8);
            assertEquals(p.get(JAVA_INT, 4), (1 << 18) | (1 << 17) | 14);
            assertEquals(DeviceFeature.featureId(p), 14);
            assertThrows(IllegalArgumentException.class, () -> DeviceFeature.probe(arena, 0x10000, 0));
        }
    }

    @Test
    public void hotResetInfoDevices() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = HotResetInfo.allocate(arena, 2);
            assertEquals(s.get(JAVA_INT, 0), 12 + 16);
            s.set(JAVA_INT, 4, VfioConst.VFIO_PCI_HOT_RESET_FLAG_DEV_ID);
            s.set(JAVA_INT, 8, 2);
            s.set(JAVA_INT, 12, 7);
            s.set(JAVA_SHORT, 16, (short) 0);
            s.set(JAVA_BYTE, 18, (byte) 0x81);
            s.set(JAVA_BYTE, 19, (byte) ((0x1f << 3) | 7));
            s.set(JAVA_INT, 20, -1);
            s.set(JAVA_SHORT, 24, (short) 0x10);
            List<PciDependentDevice> d = HotResetInfo.devices(s);
            assertEquals(d.get(0), new PciDependentDevice(7, 0, 0x81, 0xff));
            assertEquals(d.get(0).bdf(), "0000:81:1f.7");
            assertEquals(d.get(1).id(), VfioConst.VFIO_PCI_DEVID_NOT_OWNED);
            assertEquals(d.get(1).bdf(), "0010:00:00.0");
            // After ENOSPC the kernel stores a count larger than the buffer: only what fits is read.
            s.set(JAVA_INT, 8, 5);
            assertEquals(HotResetInfo.devices(s).size(), 2);
            assertEquals(HotResetInfo.count(s), 5);
        }
    }

    @Test
    public void hotResetCarriesGroupFds() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = HotReset.allocate(arena, 5, 6);
            assertEquals(s.get(JAVA_INT, 0), 20);
            assertEquals(s.get(JAVA_INT, 8), 2);
            assertEquals(s.get(JAVA_INT, 12), 5);
            assertEquals(s.get(JAVA_INT, 16), 6);
            MemorySegment cdev = HotReset.allocate(arena);
            assertEquals(cdev.get(JAVA_INT, 0), 12);
            assertEquals(cdev.get(JAVA_INT, 8), 0);
        }
    }

    @Test
    public void cdevRequests() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bind = BindIommufd.allocate(arena, 9);
            assertEquals(bind.get(JAVA_INT, 0), 16, "minimum argsz without a token");
            assertEquals(bind.get(JAVA_INT, 8), 9);
            bind.set(JAVA_INT, 12, 3);
            assertEquals(BindIommufd.outDevid(bind), 3);
            MemorySegment uuid = arena.allocate(16);
            MemorySegment token = BindIommufd.allocateWithToken(arena, 9, uuid);
            assertEquals(token.get(JAVA_INT, 0), 24);
            assertEquals(token.get(JAVA_INT, 4), 1);
            assertEquals(token.get(JAVA_LONG, 16), uuid.address());
            MemorySegment attach = AttachIommufdPt.allocate(arena, 2);
            assertEquals(attach.get(JAVA_INT, 0), 16);
            assertEquals(attach.get(JAVA_INT, 8), 2);
            assertEquals(DetachIommufdPt.allocate(arena).get(JAVA_INT, 0), 12);
        }
    }

    @Test
    public void iommufdRequests() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(IoasAlloc.allocate(arena).get(JAVA_INT, 0), 12);
            MemorySegment destroy = IommuDestroy.allocate(arena, 4);
            assertEquals(destroy.get(JAVA_INT, 0), 8);
            assertEquals(destroy.get(JAVA_INT, 4), 4);
            MemorySegment map = IoasMap.allocate(arena, 7, 2, 0x7f0000000000L, 0x200000, 0x100000);
            assertEquals(map.get(JAVA_INT, 0), 40);
            assertEquals(map.get(JAVA_INT, 4), 7);
            assertEquals(map.get(JAVA_INT, 8), 2);
            assertEquals(map.get(JAVA_LONG, 16), 0x7f0000000000L);
            assertEquals(map.get(JAVA_LONG, 24), 0x200000L);
            assertEquals(map.get(JAVA_LONG, 32), 0x100000L);
            MemorySegment file = IoasMapFile.allocate(arena, 6, 2, 11, 0x1000, 0x2000, 0);
            assertEquals(file.get(JAVA_INT, 0), 40);
            assertEquals(file.get(JAVA_INT, 12), 11);
            assertEquals(file.get(JAVA_LONG, 16), 0x1000L);
            assertEquals(file.get(JAVA_LONG, 24), 0x2000L);
            MemorySegment all = IoasUnmap.all(arena, 2);
            assertEquals(all.get(JAVA_INT, 0), 24);
            assertEquals(all.get(JAVA_LONG, 8), 0L);
            assertEquals(all.get(JAVA_LONG, 16), -1L, "U64_MAX");
        }
    }

    @Test
    public void iovaRangesPointIntoTheSameBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = IoasIovaRanges.allocate(arena, 3, 2);
            assertEquals(s.byteSize(), 32 + 32);
            assertEquals(s.get(JAVA_INT, 0), 32, "size is the struct's, not the buffer's");
            assertEquals(s.get(JAVA_INT, 4), 3);
            assertEquals(s.get(JAVA_INT, 8), 2);
            assertEquals(s.get(JAVA_LONG, 16), s.address() + 32);
            s.set(JAVA_INT, 8, 1);
            s.set(JAVA_LONG, 32, 0x1000);
            s.set(JAVA_LONG, 40, 0xfedfffffL);
            assertEquals(IoasIovaRanges.ranges(s), List.of(new IovaRange(0x1000, 0xfedfffffL)));
        }
    }

    @Test
    public void type1Requests() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment map = Type1DmaMap.allocate(arena, 3, 0x7f0000000000L, 0x1000, 0x2000);
            assertEquals(map.get(JAVA_INT, 0), 32);
            assertEquals(map.get(JAVA_LONG, 8), 0x7f0000000000L);
            assertEquals(map.get(JAVA_LONG, 16), 0x1000L);
            assertEquals(map.get(JAVA_LONG, 24), 0x2000L);
            MemorySegment unmap = Type1DmaUnmap.allocate(arena, 0, 0x1000, 0x2000);
            assertEquals(unmap.get(JAVA_INT, 0), 24);
            assertEquals(unmap.get(JAVA_LONG, 8), 0x1000L);
            assertEquals(Type1DmaUnmap.size(unmap), 0x2000L);
        }
    }

    @Test
    public void irqInfoRequest() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = IrqInfo.allocate(arena, VfioConst.VFIO_PCI_MSIX_IRQ_INDEX);
            assertEquals(s.get(JAVA_INT, 0), 16);
            assertEquals(s.get(JAVA_INT, 8), 2);
            s.set(JAVA_INT, 12, 16);
            assertEquals(IrqInfo.count(s), 16);
        }
    }
}
