package io.vfiorig.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The device's disruption state as one volatile word (epoch and phase), so a hammer thread can
 * snapshot it before and after an access without locks: an access that succeeded with the same
 * {@link Phase#REVOKED} snapshot on both sides happened entirely while the mapping was revoked.
 */
public final class RevokeState {
    /**
     * A phase change with its monotonic timestamp.
     *
     * @param firstOutcomeNanos for a REVOKING change, when the first hammer thread saw SIGBUS; for a
     *                          RESTORING change, when the first access succeeded again; 0 when none
     *                          was seen (or the epoch is past {@link #OUTCOME_EPOCHS})
     */
    public record Transition(long epoch, Phase phase, long nanos, String cause, long firstOutcomeNanos) {
        Transition withFirstOutcome(long firstOutcome) {
            return new Transition(epoch, phase, nanos, cause, firstOutcome);
        }
    }

    /** First outcomes are kept for the early epochs only: results carry the first 400 transitions. */
    static final int OUTCOME_EPOCHS = 1024;

    private volatile long word; // epoch << 2 | phase ordinal
    private volatile Transition lastRevoke;
    private volatile Transition lastRestore;
    private final List<Transition> transitions = new ArrayList<>();
    private final long[] phaseStart = new long[1 << 16];
    private final AtomicLongArray firstOutcome = new AtomicLongArray(OUTCOME_EPOCHS);

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
        Transition t = lastRevoke;
        return t == null ? 0 : t.nanos();
    }

    /** Start of the latest restore, 0 before the first. */
    public long lastRestoreStart() {
        Transition t = lastRestore;
        return t == null ? 0 : t.nanos();
    }

    /** The latest REVOKING change (a revoke or reset), null before the first. */
    public Transition lastRevoke() {
        return lastRevoke;
    }

    /** The latest RESTORING change, null before the first. */
    public Transition lastRestore() {
        return lastRestore;
    }

    /**
     * Notes the first outcome of the cycle that {@code change} began (first SIGBUS after a revoke,
     * first success after a restore); later notes for the same cycle are ignored. Called once per
     * thread per cycle, off the per-access path.
     */
    public void noteFirstOutcome(Transition change, long nanos) {
        if (change.epoch() < OUTCOME_EPOCHS) {
            int i = (int) change.epoch();
            long seen = firstOutcome.get(i);
            while ((seen == 0 || nanos < seen) && !firstOutcome.compareAndSet(i, seen, nanos)) {
                seen = firstOutcome.get(i);
            }
        }
    }

    /** Every change so far, with the first outcomes noted for it. */
    public synchronized List<Transition> transitions() {
        List<Transition> out = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            out.add(t.epoch() < OUTCOME_EPOCHS ? t.withFirstOutcome(firstOutcome.get((int) t.epoch())) : t);
        }
        return List.copyOf(out);
    }

    private void record(long epoch, Phase phase, String cause) {
        long now = System.nanoTime();
        phaseStart[(int) (epoch & (phaseStart.length - 1))] = now;
        Transition t = new Transition(epoch, phase, now, cause, 0);
        transitions.add(t);
        if (phase == Phase.REVOKING) {
            lastRevoke = t;
        } else if (phase == Phase.RESTORING) {
            lastRestore = t;
        }
        word = epoch << 2 | phase.ordinal();
    }
}
