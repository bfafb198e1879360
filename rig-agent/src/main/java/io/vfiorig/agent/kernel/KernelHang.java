package io.vfiorig.agent.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread stuck inside the kernel, on demand and on any Linux: the kernel bug classes the rig
 * hunts (a revoke deadlocked on {@code memory_lock}) leave a thread in D state, and the watchdog's
 * evidence (scheduler state, {@code /proc/PID/task/TID/stack}, a sysrq-w dump) must be proven on
 * one. {@link #hang()} calls posix_spawn(3) with a file action that opens a FIFO for reading:
 * glibc spawns with {@code CLONE_VFORK}, so the calling thread waits in the kernel
 * ({@code wait_for_vfork_done}, state D, killable) until the child gets past that open, which
 * needs a writer. {@link #release()} (or {@link #close()}) provides one; the child then fails to
 * exec a path that does not exist and exits, and glibc reaps it.
 *
 * <p>The child shares the JVM's memory until it exits, so it must never outlive a dead JVM: a
 * small {@code sh} started beside it opens the FIFO after {@link #BOUND} whatever happens.
 */
public final class KernelHang implements AutoCloseable {
    /** The longest the child can outlive the JVM that started it. */
    public static final long BOUND = TimeUnit.MINUTES.toSeconds(10);
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MKFIFO = downcall("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FA_INIT = downcall("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FA_ADDOPEN = downcall("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FA_DESTROY = downcall("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SPAWN = downcall("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    /** glibc's posix_spawn_file_actions_t is 80 bytes on x86-64; room to spare. */
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final int ENXIO = 6;

    private final Path dir;
    private final Path fifo;
    private final Process bound;
    private volatile boolean inside;
    private volatile boolean released;

    private KernelHang(Path dir, Path fifo, Process bound) {
        this.dir = dir;
        this.fifo = fifo;
        this.bound = bound;
    }

    /** A hang ready to be entered; nothing is blocked yet. */
    public static KernelHang create() {
        try {
            Path dir = Files.createTempDirectory("rig-kernel-hang");
            Path fifo = dir.resolve("fifo");
            try (Arena arena = Arena.ofConfined()) {
                int rc = (int) MKFIFO.invokeExact(arena.allocateFrom(fifo.toString()), 0600);
                if (rc != 0) {
                    throw new IOException("mkfifo " + fifo + " failed");
                }
            }
            // O_RDWR on a FIFO never blocks and counts as a writer: it frees the child after BOUND
            Process bound = new ProcessBuilder("sh", "-c", "sleep " + BOUND + "; exec 3<>\"$0\"", fifo.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new KernelHang(dir, fifo, bound);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a kernel hang: " + e.getMessage(), e);
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }

    /**
     * Blocks the calling thread inside the kernel (D state) until {@link #release()}, then parks it
     * for good: like the kernel bug it models, the call never returns.
     */
    public void hang() {
        enter();
        while (true) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }

    /** Blocks the calling thread inside the kernel until {@link #release()}; returns then. */
    public void enter() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE);
            MemorySegment path = arena.allocateFrom("/nonexistent/vfio-rig-kernel-hang");
            MemorySegment argv = arena.allocate(ADDRESS, 2);
            argv.setAtIndex(ADDRESS, 0, path);
            MemorySegment envp = arena.allocate(ADDRESS, 1);
            int rc = (int) FA_INIT.invokeExact(actions);
            rc |= (int) FA_ADDOPEN.invokeExact(actions, 0, arena.allocateFrom(fifo.toString()), Libc.O_RDONLY, 0);
            if (rc != 0) {
                throw new IllegalStateException("posix_spawn file actions failed: " + rc);
            }
            inside = true;
            try {
                if (!released) {
                    // returns ENOENT (the exec) once released; glibc has reaped the child by then
                    int ignored = (int) SPAWN.invokeExact(arena.allocate(JAVA_INT), path, actions, MemorySegment.NULL, argv, envp);
                }
            } finally {
                inside = false;
                int ignored = (int) FA_DESTROY.invokeExact(actions);
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }

    /** Frees a thread in {@link #enter()} (waiting until its child has reached the FIFO). */
    public void release() {
        released = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inside && System.nanoTime() < deadline) {
            try {
                Libc.close(Libc.open(fifo.toString(), Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC));
                return;
            } catch (NativeCallException e) {
                if (e.errno() != ENXIO && e.errno() != Errno.EINTR) { // ENXIO: the child has not opened it yet
                    return;
                }
                LockSupport.parkNanos(10_000_000L);
            }
        }
    }

    @Override
    public void close() {
        release();
        bound.descendants().forEach(ProcessHandle::destroy); // its sleep
        bound.destroy();
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)), fd);
    }
}
