package io.vfiorig.agent.bench;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.Rusage;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The Java side of {@code rig bench hammer}: per access the work of the real hammer thread's hot
 * path ({@code engine.HammerThread}) that matters for cost, and the same work as {@code hammer.c}:
 * a volatile stop check, {@link System#nanoTime()} before and after, the access through
 * {@link DeviceAccess} (out of line, as in the rig), the histogram record and a sum. Platform
 * threads, one disjoint page-aligned slice each, nothing allocated inside the loops.
 *
 * <p>Not modelled: the real hammer's revoke-state snapshots (two volatile reads), heartbeat store,
 * outcome classification and {@code SingleWriterRecorder} (which adds two atomic increments per
 * record to the {@link Histogram} work measured here).
 */
final class JavaHammer {
    /** Largest value the histograms track without resizing: about 18 minutes in ns, same as the C side. */
    static final long HIGHEST_TRACKABLE = 1L << 40;

    private final MemorySegment mem;
    private final long size;

    /**
     * @param mem  the memfd mapping (MAP_SHARED, read/write)
     * @param size bytes of {@code mem} to hammer
     */
    JavaHammer(MemorySegment mem, long size) {
        this.mem = mem;
        this.size = size;
    }

    /**
     * Runs {@code threads} hammer threads in {@code mode} for {@code seconds}.
     *
     * @return the merged result
     * @throws IllegalStateException if a hammer thread failed (e.g. madvise refused)
     */
    ModeResult run(HammerMode mode, int threads, double seconds) throws InterruptedException {
        long page = Libc.pageSize();
        long slice = size / page / threads * page;
        if (slice == 0) {
            throw new IllegalArgumentException(size + " bytes do not give " + threads + " threads a page each");
        }
        Control control = new Control();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Worker[] workers = new Worker[threads];
        Thread[] running = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(control, mem, i * slice, (i + 1) * slice, page, mode, ready, go);
            running[i] = Thread.ofPlatform().daemon().name("bench-hammer-" + i).start(workers[i]);
        }
        long start;
        try {
            ready.await();
            start = System.nanoTime();
            go.countDown();
            long deadline = start + (long) (seconds * 1e9);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } finally {
            control.stop = true; // also when interrupted: no hammer thread outlives the run
            go.countDown();
        }
        for (Thread t : running) {
            t.join();
        }
        // Wall time ends when the last thread leaves its loop: thread teardown is not hammering.
        long end = start;
        for (Worker w : workers) {
            end = Math.max(end, w.endNanos);
        }
        double elapsed = (end - start) / 1e9;

        Histogram all = new Histogram(1, HIGHEST_TRACKABLE, 3);
        all.setAutoResize(true);
        long faults = 0;
        long touches = 0;
        long sumNs = 0;
        long loopNs = 0;
        long nivcsw = 0;
        long cpuMicros = 0;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IllegalStateException("Java hammer thread failed in " + mode.id() + " mode: " + w.failure,
                        w.failure);
            }
            all.add(w.hist);
            faults += w.faults;
            touches += w.touches;
            sumNs += w.sumNs;
            loopNs += w.loopNs;
            nivcsw += w.nivcsw;
            cpuMicros += w.cpuMicros;
        }
        boolean timed = mode != HammerMode.UNTIMED;
        return new ModeResult("java", mode.id(), threads, faults, elapsed, faults / elapsed, cpuMicros / 1e6,
                cpuMicros == 0 ? 0 : faults * 1e6 / cpuMicros, touches,
                touches == 0 ? 0 : (double) loopNs / touches, timed && touches > 0 ? (double) sumNs / touches : 0,
                timed && touches > 0 ? all.getMinNonZeroValue() : 0, all.getMaxValue(),
                all.getValueAtPercentile(50), all.getValueAtPercentile(99), nivcsw);
    }

    /** The stop flag, read before every access (a plain load on x86, as the C side's volatile int). */
    private static final class Control {
        volatile boolean stop;
    }

    private static final class Worker implements Runnable {
        private final Control control;
        private final MemorySegment mem;
        private final long start;
        private final long end;
        private final long page;
        private final HammerMode mode;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        /** Allocated (and so zeroed, every page touched) by the creating thread, as the C side pre-touches its counts. */
        private final Histogram hist;

        long touches;
        long sumNs;
        long loopNs;
        long endNanos;
        long faults;
        long nivcsw;
        long cpuMicros;
        volatile int sink;
        volatile Throwable failure;

        Worker(Control control, MemorySegment mem, long start, long end, long page, HammerMode mode,
                CountDownLatch ready, CountDownLatch go) {
            this.control = control;
            this.mem = mem;
            this.start = start;
            this.end = end;
            this.page = page;
            this.mode = mode;
            this.ready = ready;
            this.go = go;
            this.hist = new Histogram(1, HIGHEST_TRACKABLE, 3);
            this.hist.setAutoResize(true);
        }

        @Override
        public void run() {
            boolean counted = false;
            try {
                if (mode != HammerMode.FAULT) {
                    for (long off = start; off < end; off += page) {
                        DeviceAccess.write32(mem, off, DeviceProfile.patternWord(off));
                    }
                }
                Rusage before = Libc.getrusage(Libc.RUSAGE_THREAD);
                ready.countDown();
                counted = true;
                go.await();
                long t0 = System.nanoTime();
                switch (mode) {
                    case FAULT -> faultLoop();
                    case STEADY -> steadyLoop();
                    case UNTIMED -> untimedLoop();
                }
                long t1 = System.nanoTime();
                Rusage after = Libc.getrusage(Libc.RUSAGE_THREAD);
                loopNs = t1 - t0;
                endNanos = t1;
                faults = after.minorFaults() - before.minorFaults();
                nivcsw = after.involuntaryCtxSwitches() - before.involuntaryCtxSwitches();
                cpuMicros = after.userMicros() + after.systemMicros() - before.userMicros() - before.systemMicros();
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (!counted) {
                    ready.countDown();
                }
            }
        }

        private void faultLoop() {
            final Control control = this.control;
            final MemorySegment mem = this.mem;
            final Histogram hist = this.hist;
            final long start = this.start;
            final long end = this.end;
            final long page = this.page;
            final MemorySegment slice = mem.asSlice(start, end - start);
            long touches = 0;
            long sum = 0;
            outer:
            for (;;) {
                Libc.madvise(slice, end - start, Libc.MADV_DONTNEED);
                for (long off = start; off < end; off += page) {
                    if (control.stop) {
                        break outer;
                    }
                    long t0 = System.nanoTime();
                    try {
                        DeviceAccess.write32(mem, off, DeviceProfile.patternWord(off));
                    } catch (InternalError sigbus) {
                        // A memfd is never revoked here; kept because the real hammer's access has this handler.
                        throw new IllegalStateException("SIGBUS on the bench memfd at 0x" + Long.toHexString(off),
                                sigbus);
                    }
                    long t1 = System.nanoTime();
                    hist.recordValue(t1 - t0);
                    sum += t1 - t0;
                    touches++;
                }
            }
            this.touches = touches;
            this.sumNs = sum;
        }

        private void steadyLoop() {
            final Control control = this.control;
            final MemorySegment mem = this.mem;
            final Histogram hist = this.hist;
            final long start = this.start;
            final long end = this.end;
            final long page = this.page;
            long touches = 0;
            long sum = 0;
            int sink = 0;
            outer:
            for (;;) {
                for (long off = start; off < end; off += page) {
                    if (control.stop) {
                        break outer;
                    }
                    long t0 = System.nanoTime();
                    int v = DeviceAccess.read32(mem, off);
                    long t1 = System.nanoTime();
                    sink ^= v;
                    hist.recordValue(t1 - t0);
                    sum += t1 - t0;
                    touches++;
                }
            }
            this.touches = touches;
            this.sumNs = sum;
            this.sink = sink;
        }

        private void untimedLoop() {
            final Control control = this.control;
            final MemorySegment mem = this.mem;
            final long start = this.start;
            final long end = this.end;
            final long page = this.page;
            long touches = 0;
            int sink = 0;
            outer:
            for (;;) {
                for (long off = start; off < end; off += page) {
                    if (control.stop) {
                        break outer;
                    }
                    sink ^= DeviceAccess.read32(mem, off);
                    touches++;
                }
            }
            this.touches = touches;
            this.sink = sink;
        }
    }
}
