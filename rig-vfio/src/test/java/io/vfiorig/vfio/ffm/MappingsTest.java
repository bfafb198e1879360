package io.vfiorig.vfio.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** Aligned mappings (QEMU / selftests style) on the build host. */
public class MappingsTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    public void fourMibAtTwoMibAlignmentOverAMemfd() {
        int fd = Libc.memfdCreate("rig-vfio-aligned", Libc.MFD_CLOEXEC);
        try {
            Libc.ftruncate(fd, 4 * MIB);
            MemorySegment m = Mappings.mapAligned(4 * MIB, 2 * MIB, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_SHARED, fd, 0);
            assertEquals(m.address() % (2 * MIB), 0, "address " + Long.toHexString(m.address()));
            assertEquals(m.byteSize(), 4 * MIB);
            m.set(JAVA_LONG, 4 * MIB - 8, 0x1122334455667788L);
            assertEquals(m.get(JAVA_LONG, 4 * MIB - 8), 0x1122334455667788L);
            Libc.munmap(m, 4 * MIB);
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    public void gibAlignmentIsHonoured() {
        // A 1 GiB-aligned address almost never happens by chance, so this checks the alignment step.
        MemorySegment m = Mappings.mapAligned(4 * MIB, GIB, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        assertEquals(m.address() % GIB, 0, "address " + Long.toHexString(m.address()));
        Libc.munmap(m, 4 * MIB);
    }

    @Test
    public void headAndTailOfTheReservationAreReleased() throws IOException {
        // Untrimmed, 32 mappings at 1 GiB alignment would leave 32 GiB of PROT_NONE reservation behind.
        long before = vmSizeBytes();
        List<MemorySegment> maps = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            maps.add(Mappings.mapAligned(2 * MIB, GIB, Libc.PROT_READ, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0));
        }
        long grown = vmSizeBytes() - before;
        for (MemorySegment m : maps) {
            Libc.munmap(m, 2 * MIB);
        }
        assertTrue(grown < 32 * 2 * MIB + GIB, "VmSize grew by " + grown / MIB + " MiB");
    }

    @Test
    public void failedFinalMapLeavesNothingBehind() throws IOException {
        // Leaking the PROT_NONE window after the final mmap fails would keep 16 x 256 MiB.
        long before = vmSizeBytes();
        for (int i = 0; i < 16; i++) {
            NativeCallException e = expectThrows(NativeCallException.class,
                    () -> Mappings.mapAligned(256 * MIB, GIB, Libc.PROT_READ, Libc.MAP_SHARED, -1, 0));
            assertEquals(e.errno(), Errno.EBADF);
            assertTrue(e.getMessage().contains("MAP_SHARED|MAP_FIXED"), e.getMessage());
        }
        long grown = vmSizeBytes() - before;
        assertTrue(grown < GIB, "VmSize grew by " + grown / MIB + " MiB after failed maps");
    }

    @Test
    public void subPageAlignmentMeansPageAligned() {
        MemorySegment m = Mappings.mapAligned(100, 1, Libc.PROT_READ, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        assertEquals(m.byteSize(), 100);
        assertEquals(m.address() % Libc.pageSize(), 0);
        Libc.munmap(m, 100);
    }

    @Test
    public void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Mappings.mapAligned(0, 4096, 0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Mappings.mapAligned(4096, 3 * 4096, 0, 0, -1, 0));
    }

    @Test
    public void alignForIsLowestSetBitCappedAtOneGib() {
        assertEquals(Mappings.alignFor(4096), 4096);
        assertEquals(Mappings.alignFor(16 * 1024), 16 * 1024);
        assertEquals(Mappings.alignFor(6 * MIB), 2 * MIB);
        assertEquals(Mappings.alignFor(256 * MIB), 256 * MIB);
        assertEquals(Mappings.alignFor(GIB), GIB);
        assertEquals(Mappings.alignFor(8 * GIB), GIB);
        assertEquals(Mappings.alignFor(GIB + 4096), 4096);
        assertThrows(IllegalArgumentException.class, () -> Mappings.alignFor(0));
    }

    private static long vmSizeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no VmSize in /proc/self/status");
    }
}
