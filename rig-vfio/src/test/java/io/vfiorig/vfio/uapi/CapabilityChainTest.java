package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The chain walker on hand-built buffers laid out like the kernel's reply to GET_REGION_INFO with
 * caps: the 32-byte region info, then capability headers linked by absolute offsets.
 */
public class CapabilityChainTest {

    private static void header(MemorySegment info, long at, int id, int version, int next) {
        info.set(JAVA_SHORT, at, (short) id);
        info.set(JAVA_SHORT, at + 2, (short) version);
        info.set(JAVA_INT, at + 4, next);
    }

    /** region info + SPARSE_MMAP (2 areas) at 32 + MSIX_MAPPABLE at 80 + TYPE at 88. */
    private static MemorySegment threeCaps(Arena arena) {
        MemorySegment info = RegionInfo.allocate(arena, 0, 104);
        info.set(JAVA_INT, 4, VfioConst.VFIO_REGION_INFO_FLAG_CAPS | VfioConst.VFIO_REGION_INFO_FLAG_MMAP);
        info.set(JAVA_INT, 12, 32);
        header(info, 32, VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP, 1, 80);
        info.set(JAVA_INT, 40, 2);
        info.set(JAVA_LONG, 48, 0x0);
        info.set(JAVA_LONG, 56, 0x2000);
        info.set(JAVA_LONG, 64, 0x3000);
        info.set(JAVA_LONG, 72, 0x1000);
        header(info, 80, VfioConst.VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 88);
        header(info, 88, VfioConst.VFIO_REGION_INFO_CAP_TYPE, 1, 0);
        info.set(JAVA_INT, 96, 0x80008086);
        info.set(JAVA_INT, 100, 3);
        return info;
    }

    @Test
    public void walksTheChainInOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            List<Capability> caps = RegionInfo.capabilities(info);
            assertEquals(caps, List.of(
                    new Capability(VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP, 1, 32, 80),
                    new Capability(VfioConst.VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 80, 88),
                    new Capability(VfioConst.VFIO_REGION_INFO_CAP_TYPE, 1, 88, 0)));
        }
    }

    @Test
    public void readsSparseAreasAndRegionType() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            Capability sparse = CapabilityChain.find(info, 32, VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP).orElseThrow();
            assertEquals(SparseMmapCap.areas(info, sparse),
                    List.of(new SparseMmapCap.Area(0, 0x2000), new SparseMmapCap.Area(0x3000, 0x1000)));
            Capability type = CapabilityChain.find(info, 32, VfioConst.VFIO_REGION_INFO_CAP_TYPE).orElseThrow();
            assertEquals(RegionTypeCap.type(info, type), 0x80008086);
            assertEquals(RegionTypeCap.subtype(info, type), 3);
            assertThrows(IllegalArgumentException.class, () -> SparseMmapCap.areas(info, type));
            assertTrue(CapabilityChain.find(info, 32, 42).isEmpty());
        }
    }

    @Test
    public void zeroOffsetMeansNoCapabilities() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(CapabilityChain.walk(RegionInfo.allocate(arena, 0), 0), List.of());
        }
    }

    @Test
    public void noCapsFlagMeansNoCapabilitiesEvenWithAnOffset() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            info.set(JAVA_INT, 4, VfioConst.VFIO_REGION_INFO_FLAG_MMAP);
            assertEquals(RegionInfo.capabilities(info), List.of());
        }
    }

    @Test
    public void truncatedBufferMeansCallAgainNotParse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = RegionInfo.allocate(arena, 0);
            // What the kernel does with a 32-byte buffer: CAPS set, argsz raised, cap_offset 0.
            info.set(JAVA_INT, 0, 104);
            info.set(JAVA_INT, 4, VfioConst.VFIO_REGION_INFO_FLAG_CAPS);
            assertTrue(RegionInfo.needsLargerBuffer(info));
            assertEquals(RegionInfo.capabilities(info), List.of());
        }
    }

    @Test
    public void loopIsReported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            header(info, 88, VfioConst.VFIO_REGION_INFO_CAP_TYPE, 1, 32); // back to the first
            MalformedCapabilityChainException e = expectThrows(() -> CapabilityChain.walk(info, 32));
            assertTrue(e.getMessage().contains("loops back to offset 32"), e.getMessage());
        }
    }

    @Test
    public void selfLoopIsReported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            header(info, 32, VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP, 1, 32);
            expectThrows(() -> CapabilityChain.walk(info, 32));
        }
    }

    @Test
    public void outOfBoundsOffsetsAreReported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            MalformedCapabilityChainException e = expectThrows(() -> CapabilityChain.walk(info, 100));
            assertTrue(e.getMessage().contains("offset 100"), e.getMessage());
            expectThrows(() -> CapabilityChain.walk(info, -8)); // 0xfffffff8 unsigned
            header(info, 88, VfioConst.VFIO_REGION_INFO_CAP_TYPE, 1, 4096);
            expectThrows(() -> CapabilityChain.walk(info, 32));
        }
    }

    @Test
    public void sparseAreaCountPastTheBufferIsReported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = threeCaps(arena);
            info.set(JAVA_INT, 40, 1000);
            Capability sparse = CapabilityChain.walk(info, 32).get(0);
            expectThrows(() -> SparseMmapCap.areas(info, sparse));
        }
    }

    private static MalformedCapabilityChainException expectThrows(Runnable r) {
        return org.testng.Assert.expectThrows(MalformedCapabilityChainException.class, r::run);
    }
}
