package io.vfiorig.controller.transport;

import java.util.concurrent.atomic.LongAdder;

/** Counters the transport keeps for tests, the benchmark and (through the fleet) metrics. */
public final class IngestStats {
    private final LongAdder stored = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void stored(int n) {
        stored.add(n);
    }

    void refused() {
        refused.increment();
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
