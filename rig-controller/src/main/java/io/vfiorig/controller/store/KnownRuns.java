package io.vfiorig.controller.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs this store has committed or checked, with their headers: a run's later batches skip reading
 * its row back to compare headers (runs are never deleted while the controller runs). Bounded: a
 * forgotten run is only read again. Thread-safe.
 */
final class KnownRuns {
    private static final int MAX = 4096;

    private record Key(String agent, String runId) {}

    private final Map<Key, RunHeader> runs = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, RunHeader> eldest) {
            return size() > MAX;
        }
    };

    /** @return whether the run is stored with exactly this header */
    synchronized boolean stored(String agent, String runId, RunHeader header) {
        return header.equals(runs.get(new Key(agent, runId)));
    }

    /** Call only after the transaction that inserted or checked the run has committed. */
    synchronized void committed(String agent, String runId, RunHeader header) {
        runs.put(new Key(agent, runId), header);
    }
}
