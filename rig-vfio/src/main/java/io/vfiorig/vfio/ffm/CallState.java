package io.vfiorig.vfio.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The per-thread buffer that {@code Linker.Option.captureCallState("errno")} writes errno into.
 *
 * <p>One buffer per thread, reused for every call, so hot callers (getrusage from hammer threads)
 * allocate nothing. The JVM overwrites errno between Java statements, which is why it has to be
 * captured by the downcall itself rather than read afterwards.
 */
final class CallState {
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Arena.ofAuto: the buffer lives as long as the thread references it, then the GC frees it.
    private static final ThreadLocal<MemorySegment> BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LAYOUT));

    private CallState() {
    }

    /** {@return this thread's capture buffer, to pass as the first argument of a capturing downcall} */
    static MemorySegment buffer() {
        return BUFFER.get();
    }

    /** {@return the errno the last capturing downcall on this thread stored in {@code buffer}} */
    static int errno(MemorySegment buffer) {
        return (int) ERRNO.get(buffer, 0L);
    }
}
