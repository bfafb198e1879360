package io.vfiorig.controller.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Counters the transport keeps for tests, the benchmark and metrics ({@link #onStored}). */
public final class IngestStats {
    private final LongAdder stored = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile Consumer<Duration> onStored = lag -> { };

    /** Results just committed, by the agent's spool time of each (0: unknown, no lag recorded). */
    void stored(List<Long> spooledAtMs) {
        stored.add(spooledAtMs.size());
        long now = System.currentTimeMillis();
        Consumer<Duration> listener = onStored;
        for (long at : spooledAtMs) {
            listener.accept(at > 0 ? Duration.ofMillis(now - at) : null);
        }
    }

    void refused() {
        refused.increment();
    }

    /**
     * Called once per stored result (replays not counted) with its lag from the agent's spool to the
     * commit, or null when the agent did not say when it spooled it.
     */
    public void onStored(Consumer<Duration> listener) {
        this.onStored = listener;
    }

    /** @return results stored since start (replays not counted) */
    public long storedResults() {
        return stored.sum();
    }

    /** @return streams ended because of a refused identity or message */
    public long refusedStreams() {
        return refused.sum();
    }
}
