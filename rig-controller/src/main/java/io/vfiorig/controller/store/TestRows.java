package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

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
        long startedMs = header.startedMillis();
        try (RowBatch tests = new RowBatch(h, """
                INSERT INTO tests (agent, run_id, sequence, suite, test_id, device, backend, device_model,
                    started_ms, status, duration_ms, message, timeline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (PreparedResult p : results) {
                TestResult r = p.result();
                tests.text(agent).text(runId).integer(r.sequence()).text(r.suite()).text(r.test()).text(r.device())
                        .text(r.backend()).text(header.deviceModel()).integer(startedMs).text(r.status().name())
                        .integer(r.durationMs()).text(r.message()).text(JsonColumns.timeline(r.timeline())).add();
            }
            tests.execute();
        }
        insertChildren(h, agent, runId, results);
    }

    /** Invariant outcomes, latencies, counters and facts of results whose tests rows are in: one batch per table. */
    private static void insertChildren(Handle h, String agent, String runId, List<PreparedResult> results) {
        try (RowBatch invariants = new RowBatch(h, INSERT_INVARIANT); RowBatch latencies = new RowBatch(h, INSERT_LATENCY);
                RowBatch counters = new RowBatch(h, insertNamed("counters")); RowBatch facts = new RowBatch(h, insertNamed("test_facts"))) {
            for (PreparedResult p : results) {
                TestResult r = p.result();
                addInvariants(invariants, agent, runId, r);
                addLatencies(latencies, agent, runId, r, p.hdr());
                int i = 0;
                for (Map.Entry<String, Long> e : r.counters().entrySet()) {
                    counters.text(agent).text(runId).integer(r.sequence()).text(e.getKey()).integer(i++)
                            .integerOrNull(e.getValue()).add();
                }
                i = 0;
                for (Map.Entry<String, String> e : r.facts().entrySet()) {
                    facts.text(agent).text(runId).integer(r.sequence()).text(e.getKey()).integer(i++).text(e.getValue()).add();
                }
            }
            invariants.execute();
            latencies.execute();
            counters.execute();
            facts.execute();
        }
    }

    /** @return the sequences of the run already stored between {@code from} and {@code to} inclusive */
    static Set<Long> stored(Handle h, String agent, String runId, long from, long to) {
        return new HashSet<>(h.createQuery(
                "SELECT sequence FROM tests WHERE agent = ? AND run_id = ? AND sequence BETWEEN ? AND ?")
                .bind(0, agent).bind(1, runId).bind(2, from).bind(3, to).mapTo(Long.class).list());
    }

    private static final String INSERT_INVARIANT = """
            INSERT INTO invariant_outcomes (agent, run_id, sequence, ordinal, invariant, status, violations,
                summary, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LATENCY = """
            INSERT INTO latencies (agent, run_id, sequence, metric, ordinal, unit, n, min_value, p50, p90, p99,
                p999, max_value, mean_value, hdr)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Counters and facts: ordered name/value rows. */
    private static String insertNamed(String table) {
        return "INSERT INTO " + table + " (agent, run_id, sequence, name, ordinal, value) VALUES (?, ?, ?, ?, ?, ?)";
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
