package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import io.vfiorig.vfio.uapi.DmaBufFeature;
import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import io.vfiorig.vfio.uapi.DmaBufSeriesRequests;
import io.vfiorig.vfio.uapi.DmaRange;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DMA_BUF steps of the series table, each answering what the kernel said: a new fd or mapping,
 * or the errno. The suites compare the answer with what the kernel owes; nothing here decides.
 */
public final class DmaBufCalls {
    private DmaBufCalls() {}

    /** A call's answer: {@code value} (fd, 0) when {@code errno} is 0. */
    public record Answer(int value, int errno) {
        public boolean ok() {
            return errno == 0;
        }

        /** {@code fd 7} or {@code ENOTTY}. */
        public String describe(String what) {
            return ok() ? what + " " + value : io.vfiorig.vfio.ffm.Errno.name(errno);
        }
    }

    /** A mapping or the mmap errno. */
    public record Mapping(MemorySegment memory, int errno) {
        public boolean ok() {
            return errno == 0;
        }
    }

    /** DMA_BUF (11) GET for {@code [offset, offset+length)} of a BAR; the answer is the dma-buf fd. */
    public static Answer export(DeviceFd device, int bar, long offset, long length) {
        return exportWith(device, bar, List.of(new DmaRange(offset, length)), req -> { });
    }

    /**
     * DMA_BUF GET with the request edited before it goes out (negative tests: payload flags, empty
     * range lists, region index 6).
     */
    public static Answer exportWith(DeviceFd device, int regionIndex, List<DmaRange> ranges, Consumer<MemorySegment> edit) {
        return device.with("export a dma-buf", fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment req = DmaBufFeature.request(arena, regionIndex, Libc.O_RDWR | Libc.O_CLOEXEC, ranges);
                edit.accept(req);
                return call(() -> Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_FEATURE, "VFIO_DEVICE_FEATURE(GET|DMA_BUF)", req));
            }
        });
    }

    /** The series' DMA_BUF_REVOKE (SET) of {@code dmabufFd}, sent through {@code device}. */
    public static Answer revoke(DeviceFd device, DmaBufSeriesFeatures series, int dmabufFd) {
        return device.with("revoke a dma-buf", fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment req = DmaBufSeriesRequests.revoke(arena, series, dmabufFd);
                return call(() -> Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_FEATURE, "VFIO_DEVICE_FEATURE(SET|DMA_BUF_REVOKE)", req));
            }
        });
    }

    /** The series' DMA_BUF_MEMATTR (SET) of {@code dmabufFd} to {@code memattr}. */
    public static Answer memattr(DeviceFd device, DmaBufSeriesFeatures series, int dmabufFd, int memattr) {
        return device.with("set a dma-buf's memory attribute", fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment req = DmaBufSeriesRequests.memattr(arena, series, dmabufFd, memattr);
                return call(() -> Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_FEATURE, "VFIO_DEVICE_FEATURE(SET|DMA_BUF_MEMATTR)", req));
            }
        });
    }

    /** mmap of a dma-buf fd (no placement): the mapping or the errno. */
    public static Mapping mmap(int dmabufFd, long length, int flags) {
        try {
            return new Mapping(Libc.mmap(MemorySegment.NULL, length, Libc.PROT_READ | Libc.PROT_WRITE, flags, dmabufFd, 0), 0);
        } catch (NativeCallException e) {
            return new Mapping(MemorySegment.NULL, e.errno());
        }
    }

    /** munmap that never throws (tests clean up on every path). */
    public static void unmap(Mapping m) {
        if (m.ok()) {
            try {
                Libc.munmap(m.memory(), m.memory().byteSize());
            } catch (NativeCallException ignored) {
                // best effort on the way out
            }
        }
    }

    /** Where {@code /proc/self/fd/N} points, e.g. {@code /dmabuf:vfio0:0000:01:00.0/0} or {@code anon_inode:dmabuf}. */
    public static String fdTarget(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The {@code /proc/self/maps} line of the mapping containing {@code address}, or "" when none. */
    public static String mapsLine(long address) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash) {
                    long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                    if (Long.compareUnsigned(address, from) >= 0 && Long.compareUnsigned(address, to) < 0) {
                        return line;
                    }
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /** Closes an fd this class handed out; never throws. */
    public static void close(int fd) {
        VfioHandle.closeQuietly(fd);
    }

    private static Answer call(java.util.function.IntSupplier c) {
        try {
            return new Answer(c.getAsInt(), 0);
        } catch (NativeCallException e) {
            return new Answer(-1, e.errno());
        }
    }
}
