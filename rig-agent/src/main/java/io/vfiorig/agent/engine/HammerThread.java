package io.vfiorig.agent.engine;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.lang.foreign.MemorySegment;

/**
 * One hammer thread: walks its slice of the BAR, first touching every page (a fault, timed),
 * then reading it again (steady access, timed), and classifies every outcome against the
 * revoke state snapshotted on both sides of the access.
 */
final class HammerThread implements Runnable {
    private final DeviceUnderTest device;
    private final MemorySegment mem;
    private final DeviceProfile profile;
    private final RevokeState state;
    private final InvariantLedger ledger;
    private final LatencyRecorders.PerThread latency;
    private final long sliceStart;
    private final long sliceLength;
    private final long[] offsets;
    private final long writeFrom;
    private final long recoveryBoundNanos;
    private final HammerRun run;
    private boolean refault;

    volatile long heartbeat = System.nanoTime();
    volatile int tid;

    private long lastRevokeSeen;
    private long lastRestoreSeen;

    HammerThread(HammerRun run, DeviceUnderTest device, Bar bar, long sliceStart, long sliceLength, long[] offsets,
            boolean refault, LatencyRecorders.PerThread latency) {
        this.run = run;
        this.device = device;
        this.mem = bar.memory();
        this.profile = device.profile();
        this.state = run.state();
        this.ledger = run.ledger();
        this.latency = latency;
        this.sliceStart = sliceStart;
        this.sliceLength = sliceLength;
        this.offsets = offsets;
        this.refault = refault;
        // RAM-like BARs are touched by writing the pattern word (exactly one fault per page);
        // register BARs only by reading.
        this.writeFrom = profile.ramLike() ? Math.max(0, profile.patternStart()) : Long.MAX_VALUE;
        this.recoveryBoundNanos = profile.recoveryBoundMs() * 1_000_000L;
    }

    @Override
    public void run() {
        tid = Libc.gettid();
        LiveStats live = LiveStats.GLOBAL;
        while (!run.stopping()) {
            if (refault) {
                zapSlice();
            }
            long faultsBefore = Libc.getrusage(Libc.RUSAGE_THREAD).minorFaults();
            for (long off : offsets) {
                if (run.stopping()) {
                    break;
                }
                access(off, true);
            }
            for (long off : offsets) {
                if (run.stopping()) {
                    break;
                }
                access(off, false);
            }
            live.faults.addAndGet(Libc.getrusage(Libc.RUSAGE_THREAD).minorFaults() - faultsBefore);
            live.accesses.addAndGet(2L * offsets.length);
        }
    }

    private void zapSlice() {
        try {
            Libc.madvise(mem.asSlice(sliceStart, sliceLength), sliceLength, Libc.MADV_DONTNEED);
        } catch (NativeCallException e) {
            // Some mappings refuse DONTNEED; revocations still force re-faults.
            refault = false;
        }
    }

    private void access(long off, boolean firstTouch) {
        long s0 = state.snapshot();
        long t0 = System.nanoTime();
        heartbeat = t0;
        boolean ok;
        int value = 0;
        boolean wrote = firstTouch && off >= writeFrom;
        try {
            if (firstTouch) {
                device.onFirstTouch(off);
            }
            if (wrote) {
                DeviceAccess.write32(mem, off, DeviceProfile.patternWord(off));
            } else {
                value = DeviceAccess.read32(mem, off);
            }
            ok = true;
        } catch (InternalError sigbus) {
            ok = false;
        }
        long t1 = System.nanoTime();
        long s1 = state.snapshot();
        classify(s0, s1, ok, t0, t1, off, firstTouch, wrote, value);
    }

    private void classify(long s0, long s1, boolean ok, long t0, long t1, long off, boolean firstTouch, boolean wrote,
            int value) {
        Phase phase = RevokeState.phase(s0);
        boolean stable = s0 == s1;
        long epoch = RevokeState.epoch(s0);
        if (stable && phase == Phase.REVOKED) {
            run.countRevokedAttempt();
        }
        if (ok) {
            if (stable && phase == Phase.REVOKED) {
                ledger.violate(Invariant.NO_ACCESS_WHILE_REVOKED, Evidence.at(t0, off, (long) value,
                        (wrote ? "write" : "read") + " succeeded " + (t0 - state.epochStart(epoch)) / 1000
                                + " us after revoke completed (epoch " + epoch + ")"));
                LiveStats.GLOBAL.violations.incrementAndGet();
                return;
            }
            latency.record(firstTouch ? Metric.FAULT : Metric.STEADY, t1 - t0);
            RevokeState.Transition restore = state.lastRestore();
            if (phase == Phase.ACTIVE && restore != null && restore.nanos() != lastRestoreSeen) {
                lastRestoreSeen = restore.nanos();
                latency.record(Metric.RESTORE_TO_SUCCESS, t1 - restore.nanos());
                state.noteFirstOutcome(restore, t1);
            }
            if (!firstTouch && stable && phase == Phase.ACTIVE && off >= writeFrom && off >= 0
                    && value != DeviceProfile.patternWord(off) && t0 - state.epochStart(epoch) > recoveryBoundNanos) {
                ledger.violate(Invariant.DATA_CORRECT, Evidence.at(t0, off, (long) value, String.format(
                        "read 0x%08x at 0x%x, expected 0x%08x", value, off, DeviceProfile.patternWord(off))));
                LiveStats.GLOBAL.violations.incrementAndGet();
            }
            return;
        }
        LiveStats.GLOBAL.sigbus.incrementAndGet();
        if (stable && phase == Phase.ACTIVE && t0 - state.epochStart(epoch) > recoveryBoundNanos) {
            ledger.violate(Invariant.ACCESS_RESTORED, Evidence.at(t0, off, null, "SIGBUS "
                    + (t0 - state.epochStart(epoch)) / 1_000_000 + " ms into an active (not revoked) phase, epoch "
                    + epoch));
            LiveStats.GLOBAL.violations.incrementAndGet();
            return;
        }
        RevokeState.Transition revoke = state.lastRevoke();
        if (revoke != null && revoke.nanos() != lastRevokeSeen) {
            lastRevokeSeen = revoke.nanos();
            latency.record(Metric.REVOKE_TO_SIGBUS, t1 - revoke.nanos());
            state.noteFirstOutcome(revoke, t1);
        }
    }

    long sliceStart() {
        return sliceStart;
    }
}
