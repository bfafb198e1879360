package io.vfiorig.vfio.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.vfio.uapi.RegionInfo;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testng.annotations.Test;

/** Libc against the real kernel of the build host, with a memfd standing in for device memory. */
public class LibcTest {
    private static final int PAGES = 256;

    @Test
    public void memfdMmapPreadPwriteRoundTrip() {
        long page = Libc.pageSize();
        long length = PAGES * page;
        int fd = Libc.memfdCreate("rig-vfio-test", Libc.MFD_CLOEXEC);
        try {
            Libc.ftruncate(fd, length);
            MemorySegment map = Libc.mmap(MemorySegment.NULL, length, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_SHARED, fd, 0);
            assertEquals(map.byteSize(), length);
            assertEquals(map.address() % page, 0);
            try (Arena arena = Arena.ofConfined()) {
                for (int i = 0; i < PAGES; i++) {
                    map.set(JAVA_INT, i * page, 0x1000 + i);
                }
                MemorySegment buf = arena.allocate(JAVA_INT);
                assertEquals(Libc.pread(fd, buf, 4, 5 * page), 4);
                assertEquals(buf.get(JAVA_INT, 0), 0x1005, "pread sees what the mapping wrote");

                buf.set(JAVA_INT, 0, 0xCAFEBABE);
                assertEquals(Libc.pwrite(fd, buf, 4, 7 * page + 8), 4);
                assertEquals(map.get(JAVA_INT, 7 * page + 8), 0xCAFEBABE, "the mapping sees what pwrite wrote");

                // DONTNEED on a shared file mapping drops the PTEs, not the data.
                Libc.madvise(map, length, Libc.MADV_DONTNEED);
                assertEquals(map.get(JAVA_INT, 9 * page), 0x1009);
                assertEquals(Libc.pread(fd, buf, 4, length), 0, "pread at EOF returns 0");
            }
            Libc.munmap(map, length);
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    public void touchingFreshPagesCountsMinorFaultsPerThread() {
        long page = Libc.pageSize();
        long length = PAGES * page;
        int fd = Libc.memfdCreate("rig-vfio-faults", Libc.MFD_CLOEXEC);
        try {
            Libc.ftruncate(fd, length);
            MemorySegment map = Libc.mmap(MemorySegment.NULL, length, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_SHARED, fd, 0);
            // Keep one fault = one page even where shmem THP / mTHP is enabled.
            Libc.madvise(map, length, Libc.MADV_NOHUGEPAGE);

            Rusage before = Libc.getrusage(Libc.RUSAGE_THREAD);
            touch(map, page);
            Rusage first = Libc.getrusage(Libc.RUSAGE_THREAD).minus(before);
            assertTrue(first.minorFaults() >= PAGES, "writing " + PAGES + " fresh pages gave " + first);

            Rusage again = Libc.getrusage(Libc.RUSAGE_THREAD);
            touch(map, page);
            Rusage mapped = Libc.getrusage(Libc.RUSAGE_THREAD).minus(again);
            assertTrue(mapped.minorFaults() < PAGES / 4, "pages already mapped still faulted: " + mapped);

            Libc.madvise(map, length, Libc.MADV_DONTNEED);
            Rusage afterDrop = Libc.getrusage(Libc.RUSAGE_THREAD);
            touch(map, page);
            Rusage refault = Libc.getrusage(Libc.RUSAGE_THREAD).minus(afterDrop);
            assertTrue(refault.minorFaults() >= PAGES, "MADV_DONTNEED should force refaults: " + refault);
            Libc.munmap(map, length);
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    public void rusageThreadIsPerThreadUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    long page = Libc.pageSize();
                    MemorySegment map = Libc.mmap(MemorySegment.NULL, PAGES * page,
                            Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
                    Libc.madvise(map, PAGES * page, Libc.MADV_NOHUGEPAGE);
                    Rusage before = Libc.getrusage(Libc.RUSAGE_THREAD);
                    touch(map, page);
                    long faults = Libc.getrusage(Libc.RUSAGE_THREAD).minus(before).minorFaults();
                    Libc.munmap(map, PAGES * page);
                    return faults;
                }));
            }
            for (Future<Long> f : results) {
                long faults = f.get();
                // Each thread sees its own faults: at least its own pages, far fewer than all four threads'.
                assertTrue(faults >= PAGES && faults < 3L * PAGES, "faults seen by one thread: " + faults);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void rusageSelfReportsCpuTime() {
        Rusage self = Libc.getrusage(Libc.RUSAGE_SELF);
        assertTrue(self.userMicros() + self.systemMicros() > 0, self.toString());
        assertTrue(self.minorFaults() > 0, self.toString());
        NativeCallException e = expectThrows(NativeCallException.class, () -> Libc.getrusage(42));
        assertEquals(e.errno(), Errno.EINVAL);
    }

    @Test
    public void openOfAMissingFileNamesCallPathAndStrerror() {
        NativeCallException e = expectThrows(NativeCallException.class,
                () -> Libc.open("/nonexistent", Libc.O_RDONLY | Libc.O_CLOEXEC));
        assertEquals(e.errno(), Errno.ENOENT);
        assertEquals(e.errnoName(), "ENOENT");
        assertEquals(e.call(), "open");
        assertTrue(e.getMessage().startsWith("open("), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertEquals(e.getMessage(),
                "open(\"/nonexistent\", O_RDONLY|O_CLOEXEC) failed: ENOENT (No such file or directory)");
    }

    @Test
    public void vfioIoctlOnAMemfdFailsWithEnottyAndNamesTheRequest() {
        int fd = Libc.memfdCreate("rig-vfio-ioctl", Libc.MFD_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            NativeCallException none = expectThrows(NativeCallException.class,
                    () -> Libc.ioctl(fd, VfioIoctl.VFIO_GET_API_VERSION));
            assertEquals(none.errno(), Errno.ENOTTY);
            assertEquals(none.getMessage(), "ioctl(fd=" + fd + ", VFIO_GET_API_VERSION 0x3b64) failed: ENOTTY"
                    + " (Inappropriate ioctl for device)");

            MemorySegment info = RegionInfo.allocate(arena, 0);
            NativeCallException ptr = expectThrows(NativeCallException.class,
                    () -> Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_REGION_INFO, info));
            assertEquals(ptr.errno(), Errno.ENOTTY);
            assertTrue(ptr.getMessage().contains("VFIO_DEVICE_GET_REGION_INFO 0x3b6c, 0x"), ptr.getMessage());
            assertTrue(ptr.getMessage().contains("[32 B]"), ptr.getMessage());

            NativeCallException value = expectThrows(NativeCallException.class,
                    () -> Libc.ioctl(fd, VfioIoctl.VFIO_SET_IOMMU, VfioConst.VFIO_TYPE1v2_IOMMU));
            assertTrue(value.getMessage().contains("VFIO_SET_IOMMU 0x3b66, 3)"), value.getMessage());

            NativeCallException named = expectThrows(NativeCallException.class,
                    () -> Libc.ioctl(fd, 0x3B75, "VFIO_DEVICE_FEATURE(DMA_BUF)", info));
            assertTrue(named.getMessage().contains("VFIO_DEVICE_FEATURE(DMA_BUF) 0x3b75"), named.getMessage());
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    public void closeTwiceIsEbadf() {
        int fd = Libc.memfdCreate("rig-vfio-close", 0);
        Libc.close(fd);
        NativeCallException e = expectThrows(NativeCallException.class, () -> Libc.close(fd));
        assertEquals(e.errno(), Errno.EBADF);
        assertEquals(e.getMessage(), "close(fd=" + fd + ") failed: EBADF (Bad file descriptor)");
    }

    @Test
    public void mmapFailureIsReportedWithDecodedFlags() {
        NativeCallException e = expectThrows(NativeCallException.class, () -> Libc.mmap(MemorySegment.NULL,
                4096, Libc.PROT_READ, Libc.MAP_SHARED, -1, 0));
        assertEquals(e.errno(), Errno.EBADF);
        assertTrue(e.getMessage().startsWith("mmap(addr=NULL, length=4096, PROT_READ, MAP_SHARED, fd=-1"),
                e.getMessage());
    }

    @Test
    public void preadRefusesCountsLargerThanTheBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4);
            assertThrows(IllegalArgumentException.class, () -> Libc.pread(0, small, 8, 0));
            assertThrows(IllegalArgumentException.class, () -> Libc.pwrite(0, small, 5, 0));
        }
    }

    @Test
    public void pwriteFailureCarriesErrno() throws Exception {
        Path file = Files.createTempFile("rig-vfio", ".bin");
        try {
            Files.write(file, "Name:rig".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int fd = Libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
            try (Arena arena = Arena.ofConfined()) {
                NativeCallException e = expectThrows(NativeCallException.class,
                        () -> Libc.pwrite(fd, arena.allocate(1), 1, 0));
                assertEquals(e.errno(), Errno.EBADF, "write on a read-only fd");
                assertTrue(e.getMessage().startsWith("pwrite(fd=" + fd + ", 0x"), e.getMessage());
                MemorySegment buf = arena.allocate(64);
                assertEquals(Libc.pread(fd, buf, 64, 5), 3, "short read at the end of the file");
                assertEquals((char) buf.get(JAVA_BYTE, 0), 'r');
            } finally {
                Libc.close(fd);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void processAndThreadIds() throws Exception {
        assertEquals(Libc.getpid(), ProcessHandle.current().pid());
        // /proc/thread-self links to <pid>/task/<tid> of the calling thread.
        String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        assertEquals(link, Libc.getpid() + "/task/" + Libc.gettid());
        int[] other = new int[1];
        Thread t = Thread.ofPlatform().start(() -> other[0] = Libc.gettid());
        t.join();
        assertTrue(other[0] > 0 && other[0] != Libc.gettid(), "another thread has another tid");
    }

    @Test
    public void strerrorText() {
        assertEquals(Libc.strerror(Errno.ENOENT), "No such file or directory");
        assertEquals(Libc.strerror(Errno.ENOTTY), "Inappropriate ioctl for device");
        assertTrue(Libc.strerror(9999).contains("9999"));
    }

    @Test
    public void pageSizeIsAPowerOfTwo() {
        assertTrue(Libc.pageSize() >= 4096 && Integer.bitCount(Libc.pageSize()) == 1);
    }

    private static void touch(MemorySegment map, long page) {
        for (long off = 0; off < map.byteSize(); off += page) {
            map.set(JAVA_BYTE, off, (byte) 1);
        }
    }
}
