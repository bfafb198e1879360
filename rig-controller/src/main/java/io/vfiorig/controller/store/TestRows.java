package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Writes test results: their {@code tests} rows (counters and facts included) and, in batches, their child rows. */
final class TestRows {
    private TestRows() {}

    /**
     * Inserts the result unless its key is already stored. Runs inside the caller's transaction.
     *
     * @return {@code true} if inserted now, {@code false} if (agent, run, sequence) was there
     */
    static boolean insert(Handle h, String agent, String runId, RunHeader header, PreparedResult p) {
        TestResult r = p.result();
        int inserted;
        try (RowBatch test = new RowBatch(h, INSERT_TEST + " ON CONFLICT (agent, run_id, sequence) DO NOTHING")) {
            inserted = bindTest(test, agent, runId, header, r).update();
        }
        if (inserted == 0) {
            return false;
        }
        insertChildren(h, agent, runId, List.of(p));
        return true;
    }

    /**
     * Inserts results known to be absent (checked in the same transaction) with one batch per table:
     * what makes a stream's batch cheap. Runs inside the caller's transaction.
     */
    static void insertAll(Handle h, String agent, String runId, RunHeader header, List<PreparedResult> results) {
        if (results.isEmpty()) {
            return;
        }
        try (RowBatch tests = new RowBatch(h, INSERT_TEST)) {
            for (PreparedResult p : results) {
                bindTest(tests, agent, runId, header, p.result()).add();
            }
            tests.execute();
        }
        insertChildren(h, agent, runId, results);
    }

    /** Invariant outcomes and latencies of results whose tests rows are in: one batch per table. */
    private static void insertChildren(Handle h, String agent, String runId, List<PreparedResult> results) {
        try (RowBatch invariants = new RowBatch(h, INSERT_INVARIANT); RowBatch latencies = new RowBatch(h, INSERT_LATENCY)) {
            for (PreparedResult p : results) {
                TestResult r = p.result();
                addInvariants(invariants, agent, runId, r);
                addLatencies(latencies, agent, runId, r, p.hdr());
            }
            invariants.execute();
            latencies.execute();
        }
    }

    /** @return the sequences of the run already stored between {@code from} and {@code to} inclusive */
    static Set<Long> stored(Handle h, String agent, String runId, long from, long to) {
        return new HashSet<>(h.createQuery(
                "SELECT sequence FROM tests WHERE agent = ? AND run_id = ? AND sequence BETWEEN ? AND ?")
                .bind(0, agent).bind(1, runId).bind(2, from).bind(3, to).mapTo(Long.class).list());
    }

    // Counters and facts are JSON on the tests row (V5): one row per result instead of one per entry.
    private static final String INSERT_TEST = """
            INSERT INTO tests (agent, run_id, sequence, suite, test_id, device, backend, device_model,
                started_ms, status, duration_ms, message, timeline, counters, facts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_INVARIANT = """
            INSERT INTO invariant_outcomes (agent, run_id, sequence, ordinal, invariant, status, violations,
                summary, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LATENCY = """
            INSERT INTO latencies (agent, run_id, sequence, metric, ordinal, unit, n, min_value, p50, p90, p99,
                p999, max_value, mean_value, hdr)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static RowBatch bindTest(RowBatch b, String agent, String runId, RunHeader header, TestResult r) {
        return b.text(agent).text(runId).integer(r.sequence()).text(r.suite()).text(r.test()).text(r.device())
                .text(r.backend()).text(header.deviceModel()).integer(header.startedMillis()).text(r.status().name())
                .integer(r.durationMs()).text(r.message()).text(JsonColumns.timeline(r.timeline()))
                .text(JsonColumns.counters(r.counters())).text(JsonColumns.facts(r.facts()));
    }

    private static void addInvariants(RowBatch b, String agent, String runId, TestResult r) {
        int i = 0;
        for (InvariantOutcome o : r.invariants()) {
            b.text(agent).text(runId).integer(r.sequence()).integer(i++).text(o.invariant()).text(o.status().name())
                    .integer(o.violations()).text(o.summary()).text(JsonColumns.evidence(o.evidence())).add();
        }
    }

    private static void addLatencies(RowBatch b, String agent, String runId, TestResult r, List<byte[]> hdr) {
        for (int i = 0; i < r.latencies().size(); i++) {
            HistogramSummary s = r.latencies().get(i);
            b.text(agent).text(runId).integer(r.sequence()).text(s.metric()).integer(i).text(s.unit()).integer(s.count())
                    .integer(s.min()).integer(s.p50()).integer(s.p90()).integer(s.p99()).integer(s.p999()).integer(s.max())
                    .real(s.mean()).bytes(hdr.get(i)).add();
        }
    }
}
