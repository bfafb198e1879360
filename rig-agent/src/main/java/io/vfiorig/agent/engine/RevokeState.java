package io.vfiorig.agent.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The device's disruption state as one volatile word (epoch and phase), so a hammer thread can
 * snapshot it before and after an access without locks: an access that succeeded with the same
 * {@link Phase#REVOKED} snapshot on both sides happened entirely while the mapping was revoked.
 */
public final class RevokeState {
    /** A phase change with its monotonic timestamp. */
    public record Transition(long epoch, Phase phase, long nanos, String cause) {}

    private volatile long word; // epoch << 2 | phase ordinal
    private volatile long lastRevokeStart;
    private volatile long lastRestoreStart;
    private final List<Transition> transitions = new ArrayList<>();
    private final long[] phaseStart = new long[1 << 16];

    public RevokeState() {
        record(0, Phase.ACTIVE, "start");
    }

    public long snapshot() {
        return word;
    }

    public static Phase phase(long snapshot) {
        return Phase.values()[(int) (snapshot & 3)];
    }

    public static long epoch(long snapshot) {
        return snapshot >>> 2;
    }

    /** Moves to the next epoch in {@code phase}; only the disruptor thread calls this. */
    public synchronized void enter(Phase phase, String cause) {
        long next = epoch(word) + 1;
        record(next, phase, cause);
    }

    /** Timestamp when {@code epoch} began, or 0 when it is too old to remember. */
    public long epochStart(long epoch) {
        return phaseStart[(int) (epoch & (phaseStart.length - 1))];
    }

    /** Start of the latest revoke (or reset) cycle, 0 before the first. */
    public long lastRevokeStart() {
        return lastRevokeStart;
    }

    /** Start of the latest restore, 0 before the first. */
    public long lastRestoreStart() {
        return lastRestoreStart;
    }

    public synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private void record(long epoch, Phase phase, String cause) {
        long now = System.nanoTime();
        phaseStart[(int) (epoch & (phaseStart.length - 1))] = now;
        transitions.add(new Transition(epoch, phase, now, cause));
        if (phase == Phase.REVOKING) {
            lastRevokeStart = now;
        } else if (phase == Phase.RESTORING) {
            lastRestoreStart = now;
        }
        word = epoch << 2 | phase.ordinal();
    }
}
