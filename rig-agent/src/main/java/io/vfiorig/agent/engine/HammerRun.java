package io.vfiorig.agent.engine;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import io.vfiorig.agent.kernel.SysrqDump;
import io.vfiorig.vfio.ffm.Libc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hammer run: N hammer threads on disjoint slices of a BAR, an optional disruptor beside them,
 * and a watchdog. The calling thread supervises: it samples latencies, watches heartbeats, and
 * stops everything at the deadline or when a thread is stuck (abandoning the stuck thread, which
 * is a daemon, so the run still ends cleanly).
 */
public final class HammerRun {
    private static final long TICK_MS = 50;

    private final DeviceUnderTest device;
    private final HammerConfig config;
    private final Disruptor disruptor;
    private final RevokeState state = new RevokeState();
    private final InvariantLedger ledger;
    private final LatencyRecorders recorders = new LatencyRecorders();
    private final java.util.concurrent.atomic.LongAdder revokedAttempts = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean stopping;

    public HammerRun(DeviceUnderTest device, HammerConfig config, Disruptor disruptor, InvariantLedger ledger) {
        this.device = device;
        this.config = config;
        this.disruptor = disruptor;
        this.ledger = ledger;
    }

    RevokeState state() {
        return state;
    }

    InvariantLedger ledger() {
        return ledger;
    }

    boolean stopping() {
        return stopping;
    }

    void requestStop() {
        stopping = true;
    }

    void countRevokedAttempt() {
        revokedAttempts.increment();
    }

    public HammerOutcome execute() {
        Bar bar = device.primaryBar();
        List<HammerThread> hammers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int n = Math.max(1, config.threads());
        long slice = sliceLength(bar.size(), n);
        for (int i = 0; i < n; i++) {
            long start = slice >= bar.size() ? 0 : (i * slice) % bar.size();
            long len = Math.min(slice, bar.size() - start);
            long[] offsets = config.pattern().offsets(start, start + len, 0x5eedL * (i + 1));
            HammerThread h = new HammerThread(this, device, bar, start, len, offsets, config.refault(),
                    recorders.register());
            hammers.add(h);
            Thread t = Thread.ofPlatform().daemon().name("hammer-" + i).unstarted(h);
            threads.add(t);
        }
        DisruptionContext ctx = new DisruptionContext(this, device);
        Thread disruptorThread = disruptor == null ? null
                : Thread.ofPlatform().daemon().name("disruptor-" + disruptor.name()).unstarted(() -> {
                    ctx.tid = Libc.gettid();
                    try {
                        while (!stopping) {
                            disruptor.cycle(ctx);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        ledger.violate(Invariant.NO_STUCK_THREAD, Evidence.of("disruptor failed: " + e));
                        stopping = true;
                    }
                });
        LiveStats live = LiveStats.GLOBAL;
        long accesses0 = live.accesses.get();
        long faults0 = live.faults.get();
        long sigbus0 = live.sigbus.get();
        threads.forEach(Thread::start);
        if (disruptorThread != null) {
            disruptorThread.start();
        }
        List<Thread> all = new ArrayList<>(threads);
        if (disruptorThread != null) {
            all.add(disruptorThread);
        }
        boolean hung = false;
        try {
            hung = supervise(hammers, threads, ctx, disruptorThread);
        } finally {
            // Always stop and join the threads before the caller can unmap the BAR under them.
            stopping = true;
            Thread straggler = joinAll(all);
            if (straggler != null && !hung) {
                int tid = straggler == disruptorThread ? ctx.tid : hammers.get(threads.indexOf(straggler)).tid;
                hung = stuck(straggler, tid, config.watchdog().toMillis(),
                        straggler == disruptorThread ? ctx.busyWith() : "a BAR access");
            }
        }
        if (!hung) {
            ledger.exercised(Invariant.NO_STUCK_THREAD, n + " hammer thread(s)"
                    + (disruptor == null ? "" : " and the " + disruptor.name() + " disruptor")
                    + " always made progress within " + config.watchdog().toMillis() + " ms");
        }
        long attempts = revokedAttempts.sum();
        if (attempts > 0) {
            ledger.exercised(Invariant.NO_ACCESS_WHILE_REVOKED, attempts + " access(es) inside "
                    + ctx.cycles.get() + " revoke window(s) all failed with SIGBUS");
        }
        long accesses = live.accesses.get() - accesses0;
        if (accesses > 0) {
            ledger.exercised(Invariant.ACCESS_RESTORED, "no SIGBUS outside revoke windows in " + accesses
                    + " accesses" + (ctx.cycles.get() > 0 ? "; access worked again after every restore" : ""));
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("threads", (long) n);
        counters.put("accesses", accesses);
        counters.put("faults", live.faults.get() - faults0);
        counters.put("sigbus", live.sigbus.get() - sigbus0);
        counters.put("accesses_while_revoked", attempts);
        counters.put("disruptions", ctx.cycles.get());
        counters.put("duration_ms", config.duration().toMillis());
        return new HammerOutcome(ledger, recorders.cumulative(), state.transitions(), counters, hung);
    }

    /** Joins every thread within one watchdog period; returns one still alive after it, or null. */
    private Thread joinAll(List<Thread> all) {
        long deadline = System.nanoTime() + config.watchdog().toNanos();
        Thread alive = null;
        for (Thread t : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive() && alive == null) {
                alive = t;
            }
        }
        return alive;
    }

    /** Runs until the deadline; returns true when the watchdog fired. */
    private boolean supervise(List<HammerThread> hammers, List<Thread> threads, DisruptionContext ctx,
            Thread disruptorThread) {
        long deadline = System.nanoTime() + config.duration().toNanos();
        long watchdog = config.watchdog().toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            recorders.sampleInterval();
            long now = System.nanoTime();
            for (int i = 0; i < hammers.size(); i++) {
                HammerThread h = hammers.get(i);
                if (threads.get(i).isAlive() && now - h.heartbeat > watchdog) {
                    return stuck(threads.get(i), h.tid, (now - h.heartbeat) / 1_000_000L, "a BAR access");
                }
            }
            long busy = ctx.busySince();
            if (disruptorThread != null && busy > 0 && now - busy > watchdog) {
                return stuck(disruptorThread, ctx.tid, (now - busy) / 1_000_000L, ctx.busyWith());
            }
        }
        return false;
    }

    private boolean stuck(Thread thread, int tid, long millis, String doing) {
        String report = StuckThreadReport.describe(thread, tid, millis, doing);
        if (SysrqDump.enabled()) {
            report += "sysrq-w (tasks in D state, as the kernel saw them):\n" + SysrqDump.blockedTasks() + "\n";
        }
        ledger.violate(Invariant.NO_STUCK_THREAD, Evidence.of(report));
        LiveStats.GLOBAL.violations.incrementAndGet();
        stopping = true;
        return true;
    }

    private static long sliceLength(long barSize, int threads) {
        long slice = (barSize / threads) & ~(Bar.PAGE - 1);
        return slice < Bar.PAGE ? barSize : slice;
    }
}
