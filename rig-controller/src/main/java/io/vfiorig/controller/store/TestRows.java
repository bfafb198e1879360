package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes one test result: its {@code tests} row and, in batches, its child rows. */
final class TestRows {
    private TestRows() {}

    /**
     * Inserts the result unless its key is already stored. Runs inside the caller's transaction.
     *
     * @return {@code true} if inserted now, {@code false} if (agent, run, sequence) was there
     */
    static boolean insert(Handle h, String agent, String runId, RunHeader header, PreparedResult p) {
        TestResult r = p.result();
        int inserted = h.createUpdate("""
                INSERT INTO tests (agent, run_id, sequence, suite, test_id, device, backend, device_model,
                    started_ms, status, duration_ms, message, timeline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent, run_id, sequence) DO NOTHING""")
                .bind(0, agent).bind(1, runId).bind(2, r.sequence()).bind(3, r.suite()).bind(4, r.test())
                .bind(5, r.device()).bind(6, r.backend()).bind(7, header.deviceModel())
                .bind(8, header.startedMillis()).bind(9, r.status().name()).bind(10, r.durationMs())
                .bind(11, r.message()).bind(12, JsonColumns.timeline(r.timeline()))
                .execute();
        if (inserted == 0) {
            return false;
        }
        insertInvariants(h, agent, runId, r);
        insertLatencies(h, agent, runId, r, p.hdr());
        insertNamed(h, "counters", agent, runId, r.sequence(), r.counters(), Long.class);
        insertNamed(h, "test_facts", agent, runId, r.sequence(), r.facts(), String.class);
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
        PreparedBatch tests = h.prepareBatch("""
                INSERT INTO tests (agent, run_id, sequence, suite, test_id, device, backend, device_model,
                    started_ms, status, duration_ms, message, timeline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        for (PreparedResult p : results) {
            TestResult r = p.result();
            tests.bind(0, agent).bind(1, runId).bind(2, r.sequence()).bind(3, r.suite()).bind(4, r.test())
                    .bind(5, r.device()).bind(6, r.backend()).bind(7, header.deviceModel())
                    .bind(8, header.startedMillis()).bind(9, r.status().name()).bind(10, r.durationMs())
                    .bind(11, r.message()).bind(12, JsonColumns.timeline(r.timeline())).add();
        }
        tests.execute();
        for (PreparedResult p : results) {
            insertInvariants(h, agent, runId, p.result());
            insertLatencies(h, agent, runId, p.result(), p.hdr());
        }
        insertNamedAll(h, "counters", agent, runId, results, r -> r.counters(), Long.class);
        insertNamedAll(h, "test_facts", agent, runId, results, r -> r.facts(), String.class);
    }

    /** @return the sequences of the run already stored between {@code from} and {@code to} inclusive */
    static Set<Long> stored(Handle h, String agent, String runId, long from, long to) {
        return new HashSet<>(h.createQuery(
                "SELECT sequence FROM tests WHERE agent = ? AND run_id = ? AND sequence BETWEEN ? AND ?")
                .bind(0, agent).bind(1, runId).bind(2, from).bind(3, to).mapTo(Long.class).list());
    }

    private static void insertNamedAll(Handle h, String table, String agent, String runId, List<PreparedResult> results,
            Function<TestResult, Map<String, ?>> values, Class<?> valueType) {
        PreparedBatch b = h.prepareBatch("INSERT INTO " + table
                + " (agent, run_id, sequence, name, ordinal, value) VALUES (?, ?, ?, ?, ?, ?)");
        for (PreparedResult p : results) {
            int i = 0;
            for (Map.Entry<String, ?> e : values.apply(p.result()).entrySet()) {
                b.bind(0, agent).bind(1, runId).bind(2, p.result().sequence()).bind(3, e.getKey()).bind(4, i++)
                        .bindByType(5, e.getValue(), valueType).add();
            }
        }
        if (b.size() > 0) {
            b.execute();
        }
    }

    private static void insertInvariants(Handle h, String agent, String runId, TestResult r) {
        if (r.invariants().isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("""
                INSERT INTO invariant_outcomes (agent, run_id, sequence, ordinal, invariant, status, violations,
                    summary, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        int i = 0;
        for (InvariantOutcome o : r.invariants()) {
            b.bind(0, agent).bind(1, runId).bind(2, r.sequence()).bind(3, i++).bind(4, o.invariant())
                    .bind(5, o.status().name()).bind(6, o.violations()).bind(7, o.summary())
                    .bind(8, JsonColumns.evidence(o.evidence())).add();
        }
        b.execute();
    }

    private static void insertLatencies(Handle h, String agent, String runId, TestResult r, List<byte[]> hdr) {
        if (r.latencies().isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("""
                INSERT INTO latencies (agent, run_id, sequence, metric, ordinal, unit, n, min_value, p50, p90, p99,
                    p999, max_value, mean_value, hdr)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        for (int i = 0; i < r.latencies().size(); i++) {
            HistogramSummary s = r.latencies().get(i);
            b.bind(0, agent).bind(1, runId).bind(2, r.sequence()).bind(3, s.metric()).bind(4, i).bind(5, s.unit())
                    .bind(6, s.count()).bind(7, s.min()).bind(8, s.p50()).bind(9, s.p90()).bind(10, s.p99())
                    .bind(11, s.p999()).bind(12, s.max()).bind(13, s.mean()).bind(14, hdr.get(i)).add();
        }
        b.execute();
    }

    /** Counters and facts: ordered name/value rows. */
    private static void insertNamed(Handle h, String table, String agent, String runId, long sequence,
            Map<String, ?> values, Class<?> valueType) {
        if (values.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("INSERT INTO " + table
                + " (agent, run_id, sequence, name, ordinal, value) VALUES (?, ?, ?, ?, ?, ?)");
        int i = 0;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            // By type, so a null value is bound as a null of the column's type.
            b.bind(0, agent).bind(1, runId).bind(2, sequence).bind(3, e.getKey()).bind(4, i++)
                    .bindByType(5, e.getValue(), valueType).add();
        }
        b.execute();
    }
}
