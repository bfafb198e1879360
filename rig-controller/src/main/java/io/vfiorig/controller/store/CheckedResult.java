package io.vfiorig.controller.store;

import io.vfiorig.agent.result.TestResult;

/**
 * A result that passed {@link ResultStore#check}: canonical, its histograms decoded, ready to write.
 * The transport checks on its many ingest threads, so the store's one writer does not do it again.
 */
public final class CheckedResult {
    final PreparedResult prepared;

    CheckedResult(PreparedResult prepared) {
        this.prepared = prepared;
    }

    /** The canonical result (what the store writes and reads back). */
    public TestResult result() {
        return prepared.result();
    }
}
