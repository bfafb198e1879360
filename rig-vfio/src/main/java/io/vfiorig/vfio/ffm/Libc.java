package io.vfiorig.vfio.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Static libc bindings (x86_64 Linux, glibc). Each call that fails throws {@link NativeCallException}
 * carrying the errno captured by the downcall itself.
 *
 * <p>Pointer arguments must be native (off-heap) segments. Downcall handles are created once, when
 * this class is initialised. Calls that do not take strings allocate nothing per call: errno is
 * captured into a per-thread buffer (see {@code CallState}), and {@link #getrusage(int)} reuses a
 * per-thread struct buffer so hammer threads can sample it often.
 */
public final class Libc {
    /** open(2): read only. */
    public static final int O_RDONLY = 0;
    /** open(2): write only. */
    public static final int O_WRONLY = 1;
    /** open(2): read and write. */
    public static final int O_RDWR = 2;
    /** open(2): create if missing (needs a mode). */
    public static final int O_CREAT = 0x40;
    /** open(2): non-blocking. */
    public static final int O_NONBLOCK = 0x800;
    /** open(2): close on exec, so a forked helper does not keep a device open. */
    public static final int O_CLOEXEC = 0x80000;

    /** mmap(2) prot: no access (used to reserve address space). */
    public static final int PROT_NONE = 0;
    /** mmap(2) prot: readable. */
    public static final int PROT_READ = 1;
    /** mmap(2) prot: writable. */
    public static final int PROT_WRITE = 2;
    /** mmap(2) prot: executable. */
    public static final int PROT_EXEC = 4;

    /** mmap(2): shared mapping; vfio-pci BAR and dma-buf mmaps require it. */
    public static final int MAP_SHARED = 0x01;
    /** mmap(2): private copy-on-write mapping. */
    public static final int MAP_PRIVATE = 0x02;
    /** mmap(2): place exactly at addr, replacing what is there. */
    public static final int MAP_FIXED = 0x10;
    /** mmap(2): not backed by a file. */
    public static final int MAP_ANONYMOUS = 0x20;
    /** mmap(2): do not reserve swap. */
    public static final int MAP_NORESERVE = 0x4000;
    /** mmap(2): prefault the mapping. */
    public static final int MAP_POPULATE = 0x8000;
    /** mmap(2): like MAP_FIXED but fail with EEXIST instead of replacing. */
    public static final int MAP_FIXED_NOREPLACE = 0x100000;

    /** madvise(2): no special treatment. */
    public static final int MADV_NORMAL = 0;
    /** madvise(2): drop the pages; the next touch faults again. */
    public static final int MADV_DONTNEED = 4;
    /** madvise(2): allow huge pages (needed for huge_fault when THP is in "madvise" mode). */
    public static final int MADV_HUGEPAGE = 14;
    /** madvise(2): forbid huge pages. */
    public static final int MADV_NOHUGEPAGE = 15;

    /** memfd_create(2): close on exec. */
    public static final int MFD_CLOEXEC = 1;
    /** memfd_create(2): allow fcntl seals. */
    public static final int MFD_ALLOW_SEALING = 2;

    /** getrusage(2): the whole process. */
    public static final int RUSAGE_SELF = 0;
    /** getrusage(2): the calling thread only. */
    public static final int RUSAGE_THREAD = 1;

    private static final long MAP_FAILED = -1L;
    /** x86_64 syscall number, used only if libc has no gettid() (glibc before 2.30). */
    private static final long SYS_GETTID_X86_64 = 186;

    // struct rusage offsets on x86_64 (checked with offsetof): two timevals, then 14 longs.
    private static final long RUSAGE_SIZE = 144;
    private static final long RU_UTIME = 0;
    private static final long RU_STIME = 16;
    private static final long RU_MINFLT = 64;
    private static final long RU_MAJFLT = 72;
    private static final long RU_NVCSW = 128;
    private static final long RU_NIVCSW = 136;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();

    // open, ioctl and syscall are variadic: the linker must pass the trailing arguments the
    // variadic way (on x86_64 that sets %al), hence firstVariadicArg.
    private static final MethodHandle OPEN = capturing("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = capturing("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL_PTR = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_VALUE = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_NONE = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MMAP = capturing("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = capturing("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MADVISE = capturing("madvise",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle PREAD = capturing("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = capturing("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FTRUNCATE = capturing("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MEMFD_CREATE = capturing("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETRUSAGE = capturing("getrusage",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GETPID = plain("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle GETTID = gettidHandle();
    private static final int PAGE_SIZE = queryPageSize();

    private static final ThreadLocal<MemorySegment> RUSAGE_BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(RUSAGE_SIZE, 8));

    private Libc() {
    }

    // ---------------------------------------------------------------- files

    /**
     * open(2) without a mode.
     *
     * @param path  the file, e.g. {@code /dev/vfio/devices/vfio0}
     * @param flags {@code O_*} flags
     * @return the new file descriptor
     * @throws NativeCallException if open fails
     */
    public static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    /**
     * open(2) with a mode (only meaningful with {@link #O_CREAT}).
     *
     * @param path  the file
     * @param flags {@code O_*} flags
     * @param mode  permission bits for a created file
     * @return the new file descriptor
     * @throws NativeCallException if open fails
     */
    public static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = CallState.buffer();
            int fd;
            try {
                fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, mode);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (fd < 0) {
                String modeArg = (flags & O_CREAT) != 0 ? ", 0" + Integer.toOctalString(mode) : "";
                throw failure("open", "\"" + path + "\", " + ArgFormat.openFlags(flags) + modeArg,
                        CallState.errno(state));
            }
            return fd;
        }
    }

    /**
     * close(2). Not retried on EINTR: on Linux the descriptor is gone even then.
     *
     * @param fd the descriptor
     * @throws NativeCallException if close fails (e.g. EBADF)
     */
    public static void close(int fd) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw failure("close", "fd=" + fd, CallState.errno(state));
        }
    }

    /**
     * memfd_create(2): an anonymous shared-memory file, handy as a stand-in for device memory in tests.
     *
     * @param name  a name shown in /proc/self/maps as {@code /memfd:name}
     * @param flags {@code MFD_*} flags
     * @return the new file descriptor
     * @throws NativeCallException if memfd_create fails
     */
    public static int memfdCreate(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = CallState.buffer();
            int fd;
            try {
                fd = (int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name), flags);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (fd < 0) {
                throw failure("memfd_create", "\"" + name + "\", " + ArgFormat.hex(flags), CallState.errno(state));
            }
            return fd;
        }
    }

    /**
     * ftruncate(2).
     *
     * @param fd     the descriptor
     * @param length the new file size in bytes
     * @throws NativeCallException if ftruncate fails
     */
    public static void ftruncate(int fd, long length) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) FTRUNCATE.invokeExact(state, fd, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw failure("ftruncate", "fd=" + fd + ", length=" + length, CallState.errno(state));
        }
    }

    /**
     * pread(2): read at an absolute offset, e.g. PCI config space at {@code config.offset + reg}.
     *
     * @param fd     the descriptor
     * @param buf    a native segment of at least {@code count} bytes
     * @param count  bytes to read
     * @param offset file offset
     * @return bytes read (may be short)
     * @throws IllegalArgumentException if {@code count} exceeds the buffer
     * @throws NativeCallException      if pread fails
     */
    public static long pread(int fd, MemorySegment buf, long count, long offset) {
        checkFits(buf, count);
        MemorySegment state = CallState.buffer();
        long n;
        try {
            n = (long) PREAD.invokeExact(state, fd, buf, count, offset);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            throw failure("pread", ioArgs(fd, buf, count, offset), CallState.errno(state));
        }
        return n;
    }

    /**
     * pwrite(2): write at an absolute offset.
     *
     * @param fd     the descriptor
     * @param buf    a native segment of at least {@code count} bytes
     * @param count  bytes to write
     * @param offset file offset
     * @return bytes written (may be short)
     * @throws IllegalArgumentException if {@code count} exceeds the buffer
     * @throws NativeCallException      if pwrite fails
     */
    public static long pwrite(int fd, MemorySegment buf, long count, long offset) {
        checkFits(buf, count);
        MemorySegment state = CallState.buffer();
        long n;
        try {
            n = (long) PWRITE.invokeExact(state, fd, buf, count, offset);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            throw failure("pwrite", ioArgs(fd, buf, count, offset), CallState.errno(state));
        }
        return n;
    }

    // ---------------------------------------------------------------- ioctl

    /**
     * ioctl(2) with a pointer argument; the request is named from {@link VfioIoctl#name(long)}.
     *
     * @param fd      the descriptor
     * @param request the request number, e.g. {@link VfioIoctl#VFIO_DEVICE_GET_REGION_INFO}
     * @param arg     native memory the kernel reads and/or writes
     * @return the non-negative result (e.g. a new fd for GROUP_GET_DEVICE_FD or DMA_BUF)
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        return ioctl(fd, request, null, arg);
    }

    /**
     * ioctl(2) with a pointer argument and a caller-supplied request name for messages.
     *
     * @param fd          the descriptor
     * @param request     the request number
     * @param requestName name for error messages, or {@code null} to look it up
     * @param arg         native memory the kernel reads and/or writes
     * @return the non-negative result
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request, String requestName, MemorySegment arg) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) IOCTL_PTR.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc < 0) {
            throw failure("ioctl", "fd=" + fd + ", " + request(request, requestName) + ", "
                    + ArgFormat.pointer(arg), CallState.errno(state));
        }
        return rc;
    }

    /**
     * ioctl(2) with an integer argument (e.g. VFIO_SET_IOMMU, VFIO_CHECK_EXTENSION).
     *
     * @param fd      the descriptor
     * @param request the request number
     * @param value   the integer argument
     * @return the non-negative result
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request, long value) {
        return ioctl(fd, request, null, value);
    }

    /**
     * ioctl(2) with an integer argument and a caller-supplied request name.
     *
     * @param fd          the descriptor
     * @param request     the request number
     * @param requestName name for error messages, or {@code null} to look it up
     * @param value       the integer argument
     * @return the non-negative result
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request, String requestName, long value) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) IOCTL_VALUE.invokeExact(state, fd, request, value);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc < 0) {
            throw failure("ioctl", "fd=" + fd + ", " + request(request, requestName) + ", " + value,
                    CallState.errno(state));
        }
        return rc;
    }

    /**
     * ioctl(2) without an argument (e.g. VFIO_DEVICE_RESET, VFIO_GET_API_VERSION).
     *
     * @param fd      the descriptor
     * @param request the request number
     * @return the non-negative result
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request) {
        return ioctl(fd, request, (String) null);
    }

    /**
     * ioctl(2) without an argument, with a caller-supplied request name.
     *
     * @param fd          the descriptor
     * @param request     the request number
     * @param requestName name for error messages, or {@code null} to look it up
     * @return the non-negative result
     * @throws NativeCallException if the ioctl fails
     */
    public static int ioctl(int fd, long request, String requestName) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) IOCTL_NONE.invokeExact(state, fd, request);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc < 0) {
            throw failure("ioctl", "fd=" + fd + ", " + request(request, requestName), CallState.errno(state));
        }
        return rc;
    }

    // ---------------------------------------------------------------- memory

    /**
     * mmap(2).
     *
     * @param addr   placement hint or, with {@link #MAP_FIXED}, the exact address; may be {@link MemorySegment#NULL}
     * @param length bytes to map
     * @param prot   {@code PROT_*}
     * @param flags  {@code MAP_*}
     * @param fd     the descriptor, or -1 with {@link #MAP_ANONYMOUS}
     * @param offset file offset (for a BAR: {@code region_info.offset})
     * @return a segment of {@code length} bytes at the mapped address (global scope: release it with
     *     {@link #munmap(MemorySegment, long)})
     * @throws NativeCallException if mmap returns MAP_FAILED
     */
    public static MemorySegment mmap(MemorySegment addr, long length, int prot, int flags, int fd, long offset) {
        MemorySegment state = CallState.buffer();
        MemorySegment p;
        try {
            p = (MemorySegment) MMAP.invokeExact(state, addr, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (p.address() == MAP_FAILED) {
            throw failure("mmap", "addr=" + ArgFormat.pointer(addr) + ", length=" + length + ", "
                    + ArgFormat.prot(prot) + ", " + ArgFormat.mapFlags(flags) + ", fd=" + fd + ", offset="
                    + ArgFormat.hex(offset), CallState.errno(state));
        }
        return p.reinterpret(length);
    }

    /**
     * munmap(2).
     *
     * @param addr   start of the mapping (page aligned)
     * @param length bytes to unmap
     * @throws NativeCallException if munmap fails
     */
    public static void munmap(MemorySegment addr, long length) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) MUNMAP.invokeExact(state, addr, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw failure("munmap", ArgFormat.pointer(addr) + ", length=" + length, CallState.errno(state));
        }
    }

    /**
     * madvise(2).
     *
     * @param addr   start of the range (page aligned)
     * @param length bytes
     * @param advice {@code MADV_*}
     * @throws NativeCallException if madvise fails
     */
    public static void madvise(MemorySegment addr, long length, int advice) {
        MemorySegment state = CallState.buffer();
        int rc;
        try {
            rc = (int) MADVISE.invokeExact(state, addr, length, advice);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw failure("madvise", ArgFormat.pointer(addr) + ", length=" + length + ", " + adviceName(advice),
                    CallState.errno(state));
        }
    }

    /** {@return the system page size in bytes (queried once)} */
    public static int pageSize() {
        return PAGE_SIZE;
    }

    // ---------------------------------------------------------------- process

    /**
     * getrusage(2). Allocates no native memory per call (per-thread buffer), so hammer threads may
     * sample it around every burst.
     *
     * @param who {@link #RUSAGE_SELF} or {@link #RUSAGE_THREAD}
     * @return the counters
     * @throws NativeCallException if getrusage fails
     */
    public static Rusage getrusage(int who) {
        MemorySegment state = CallState.buffer();
        MemorySegment ru = RUSAGE_BUFFER.get();
        int rc;
        try {
            rc = (int) GETRUSAGE.invokeExact(state, who, ru);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            String whoName = who == RUSAGE_SELF ? "RUSAGE_SELF" : who == RUSAGE_THREAD ? "RUSAGE_THREAD" : "" + who;
            throw failure("getrusage", whoName + ", " + ArgFormat.pointer(ru), CallState.errno(state));
        }
        return new Rusage(
                ru.get(JAVA_LONG, RU_MINFLT),
                ru.get(JAVA_LONG, RU_MAJFLT),
                micros(ru, RU_UTIME),
                micros(ru, RU_STIME),
                ru.get(JAVA_LONG, RU_NVCSW),
                ru.get(JAVA_LONG, RU_NIVCSW));
    }

    /** {@return the calling thread's kernel thread id (as in /proc/self/task)} */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@return the process id} */
    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * strerror(3). glibc's strerror is thread safe since 2.32.
     *
     * @param errno an errno value
     * @return e.g. {@code "No such file or directory"}
     */
    public static String strerror(int errno) {
        MemorySegment text;
        try {
            text = (MemorySegment) STRERROR.invokeExact(errno);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        return text.address() == 0 ? "Unknown error " + errno : text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    // ---------------------------------------------------------------- plumbing

    private static NativeCallException failure(String call, String args, int errno) {
        return new NativeCallException(call, args, errno, strerror(errno));
    }

    private static String request(long request, String requestName) {
        return requestName == null ? VfioIoctl.describe(request) : requestName + " " + ArgFormat.hex(request);
    }

    private static String ioArgs(int fd, MemorySegment buf, long count, long offset) {
        return "fd=" + fd + ", " + ArgFormat.pointer(buf) + ", count=" + count + ", offset=" + ArgFormat.hex(offset);
    }

    private static String adviceName(int advice) {
        return switch (advice) {
            case MADV_NORMAL -> "MADV_NORMAL";
            case MADV_DONTNEED -> "MADV_DONTNEED";
            case MADV_HUGEPAGE -> "MADV_HUGEPAGE";
            case MADV_NOHUGEPAGE -> "MADV_NOHUGEPAGE";
            default -> "advice=" + advice;
        };
    }

    private static void checkFits(MemorySegment buf, long count) {
        if (count < 0 || count > buf.byteSize()) {
            throw new IllegalArgumentException("count " + count + " does not fit the " + buf.byteSize()
                    + "-byte buffer: the kernel would write past it");
        }
    }

    private static long micros(MemorySegment ru, long timevalOffset) {
        return ru.get(JAVA_LONG, timevalOffset) * 1_000_000L + ru.get(JAVA_LONG, timevalOffset + 8);
    }

    private static RuntimeException unexpected(Throwable t) {
        // Downcalls throw no checked exceptions; an Error here (e.g. InternalError) must pass unchanged.
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected exception from a downcall", t);
    }

    private static MethodHandle capturing(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = Arrays.copyOf(extra, extra.length + 1);
        options[extra.length] = CallState.CAPTURE_ERRNO;
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    private static MethodHandle gettidHandle() {
        if (LIBC.find("gettid").isPresent()) {
            return plain("gettid", FunctionDescriptor.of(JAVA_INT));
        }
        MethodHandle syscall = LINKER.downcallHandle(symbol("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
        MethodHandle bound = MethodHandles.insertArguments(syscall, 0, SYS_GETTID_X86_64);
        return MethodHandles.explicitCastArguments(bound, MethodType.methodType(int.class));
    }

    private static int queryPageSize() {
        try {
            return (int) plain("getpagesize", FunctionDescriptor.of(JAVA_INT)).invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
