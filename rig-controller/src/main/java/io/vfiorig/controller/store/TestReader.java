package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Reassembles {@link TestResult}s from their rows: one query per table for a whole run (not one
 * per test), grouped by sequence in memory.
 *
 * <p>Runs without a transaction: a test's child rows are committed with its {@code tests} row, so
 * every test this reads has all of its children.
 */
final class TestReader {
    private TestReader() {}

    /** All tests of a run, in sequence order. */
    static List<TestResult> all(Handle h, String agent, String runId) {
        return read(h, agent, runId, null);
    }

    /** One test of a run. */
    static Optional<TestResult> one(Handle h, String agent, String runId, long sequence) {
        return read(h, agent, runId, sequence).stream().findFirst();
    }

    private static List<TestResult> read(Handle h, String agent, String runId, Long sequence) {
        Map<Long, List<InvariantOutcome>> invariants = grouped(h, """
                SELECT sequence, invariant, status, violations, summary, evidence FROM invariant_outcomes""",
                agent, runId, sequence, (rs, ctx) -> new InvariantOutcome(rs.getString("invariant"),
                        InvariantOutcome.Status.valueOf(rs.getString("status")), rs.getLong("violations"),
                        rs.getString("summary"), JsonColumns.evidence(rs.getString("evidence"))));
        Map<Long, List<HistogramSummary>> latencies = grouped(h, """
                SELECT sequence, metric, unit, n, min_value, p50, p90, p99, p999, max_value, mean_value, hdr
                FROM latencies""", agent, runId, sequence, (rs, ctx) -> latency(rs));
        return query(h, """
                SELECT sequence, suite, test_id, device, backend, status, duration_ms, message, timeline, counters, facts
                FROM tests""", agent, runId, sequence, "sequence")
                .map((rs, ctx) -> {
                    long seq = rs.getLong("sequence");
                    return new TestResult(seq, rs.getString("suite"), rs.getString("test_id"),
                            rs.getString("device"), rs.getString("backend"),
                            TestStatus.valueOf(rs.getString("status")), rs.getLong("duration_ms"),
                            rs.getString("message"), invariants.getOrDefault(seq, List.of()),
                            latencies.getOrDefault(seq, List.of()), JsonColumns.counters(rs.getString("counters")),
                            JsonColumns.timeline(rs.getString("timeline")), JsonColumns.facts(rs.getString("facts")));
                })
                .list();
    }

    /** Rows of a child table, per sequence, in their original order. */
    private static <T> Map<Long, List<T>> grouped(Handle h, String select, String agent, String runId, Long sequence,
            RowMapper<T> mapper) {
        return query(h, select, agent, runId, sequence, "sequence, ordinal")
                .reduceResultSet(new HashMap<>(), (m, rs, ctx) -> {
                    m.computeIfAbsent(rs.getLong("sequence"), k -> new ArrayList<>()).add(mapper.map(rs, ctx));
                    return m;
                });
    }

    private static Query query(Handle h, String select, String agent, String runId, Long sequence, String orderBy) {
        String where = " WHERE agent = ? AND run_id = ?" + (sequence == null ? "" : " AND sequence = ?");
        Query q = h.createQuery(select + where + " ORDER BY " + orderBy).bind(0, agent).bind(1, runId);
        return sequence == null ? q : q.bind(2, sequence.longValue());
    }

    /** A {@code latencies} row, the histogram re-encoded to the base64 results.json carries. */
    static HistogramSummary latency(ResultSet rs) throws SQLException {
        // SQLite stores a NaN double as NULL; give back what was stored.
        double mean = rs.getObject("mean_value") == null ? Double.NaN : rs.getDouble("mean_value");
        return new HistogramSummary(rs.getString("metric"), rs.getString("unit"), rs.getLong("n"),
                rs.getLong("min_value"), rs.getLong("p50"), rs.getLong("p90"), rs.getLong("p99"), rs.getLong("p999"),
                rs.getLong("max_value"), mean, Base64.getEncoder().encodeToString(rs.getBytes("hdr")));
    }
}
