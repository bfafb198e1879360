package io.vfiorig.agent.engine;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/** What a disruptor may do: change the revoke state, mark itself busy, verify the device. */
public final class DisruptionContext {
    private final HammerRun run;
    private final DeviceUnderTest device;
    private volatile long busySince;
    private volatile String busyWith = "";
    final AtomicLong cycles = new AtomicLong();
    private long restoresVerified;
    volatile int tid;

    DisruptionContext(HammerRun run, DeviceUnderTest device) {
        this.run = run;
        this.device = device;
    }

    public DeviceUnderTest device() {
        return device;
    }

    public boolean stopping() {
        return run.stopping();
    }

    /** Ends the run early (a disruptor whose goal is reached). */
    public void stopRun() {
        run.requestStop();
    }

    /** Announces a phase change to the hammer threads. */
    public void enter(Phase phase, String cause) {
        run.state().enter(phase, cause);
    }

    /** Marks the start of a device operation the watchdog should time. */
    public void busy(String operation) {
        busyWith = operation;
        busySince = System.nanoTime();
    }

    public void idle() {
        busySince = 0;
    }

    long busySince() {
        return busySince;
    }

    String busyWith() {
        return busyWith;
    }

    /** Counts one finished disruption (for revokes/s and the progress line). */
    public void countCycle() {
        cycles.incrementAndGet();
        LiveStats.GLOBAL.revokes.incrementAndGet();
    }

    /** Sleeps up to {@code millis}, returning early when the run stops. */
    public void pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!stopping()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000L)));
        }
    }

    /**
     * After a restore or reset: the registers must be readable within the recovery bound and hold
     * their reset values (ID register, liveness register, device pattern samples).
     */
    public void verifyAfterRestore(String after) {
        InvariantLedger ledger = run.ledger();
        DeviceProfile profile = device.profile();
        Bar bar = device.primaryBar();
        MemorySegment mem = bar.memory();
        long probeOffset = profile.hasId() ? profile.idOffset() : 0;
        long deadline = System.nanoTime() + profile.recoveryBoundMs() * 1_000_000L;
        int value;
        while (true) {
            try {
                value = DeviceAccess.read32(mem, probeOffset);
                break;
            } catch (InternalError sigbus) {
                if (System.nanoTime() > deadline) {
                    ledger.violate(Invariant.ACCESS_RESTORED, Evidence.at(System.nanoTime(), probeOffset, null,
                            "register read at 0x" + Long.toHexString(probeOffset) + " still SIGBUSes "
                                    + profile.recoveryBoundMs() + " ms after " + after));
                    return;
                }
                Thread.onSpinWait();
            }
        }
        ledger.exercised(Invariant.ACCESS_RESTORED, "accesses worked again after every " + after);
        try {
            if (profile.hasId() && value != profile.idValue()) {
                ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), profile.idOffset(), (long) value,
                        String.format("ID register reads 0x%08x after %s, expected 0x%08x", value, after,
                                profile.idValue())));
            }
            if (profile.livenessOffset() >= 0) {
                int probe = 0x12345678 + (int) restoresVerified;
                DeviceAccess.write32(mem, profile.livenessOffset(), probe);
                int back = DeviceAccess.read32(mem, profile.livenessOffset());
                if (back != ~probe) {
                    ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), profile.livenessOffset(),
                            (long) back, String.format("liveness register: wrote 0x%08x, read 0x%08x, expected 0x%08x",
                                    probe, back, ~probe)));
                }
            }
            if (profile.hasPattern()) {
                long step = Math.max(Bar.PAGE, (bar.size() / 16) & ~(Bar.PAGE - 1));
                for (long off = profile.patternStart(); off < bar.size(); off += step) {
                    int word = DeviceAccess.read32(mem, off);
                    if (word != DeviceProfile.patternWord(off)) {
                        ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), off, (long) word,
                                String.format("pattern word at 0x%x reads 0x%08x after %s, expected 0x%08x", off,
                                        word, after, DeviceProfile.patternWord(off))));
                    }
                }
            }
        } catch (InternalError sigbus) {
            ledger.violate(Invariant.ACCESS_RESTORED, Evidence.of("SIGBUS while verifying registers after " + after));
            return;
        }
        restoresVerified++;
        ledger.exercised(Invariant.DATA_CORRECT, restoresVerified + " restore(s) verified: "
                + (profile.hasId() ? "ID register" : "")
                + (profile.livenessOffset() >= 0 ? ", liveness register" : "")
                + (profile.hasPattern() ? ", device pattern samples" : ""));
    }
}
