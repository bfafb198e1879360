package io.vfiorig.controller.store;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the history of one metric of one test. The {@code run_tests_history} index (test, device
 * model, backend, run start) yields the newest runs with the test first; each run's results are
 * found by the primary key of {@code tests} and probe their latency row by primary key, so the
 * query stops after {@code limit} rows however long the history is.
 */
final class HistoryReader {
    private HistoryReader() {}

    /** A query and its arguments, in order. */
    record Sql(String text, List<Object> args) {}

    static List<MetricPoint> read(Handle h, HistoryQuery q) {
        Sql sql = sql(q);
        Query query = h.createQuery(sql.text());
        for (int i = 0; i < sql.args().size(); i++) {
            query.bind(i, sql.args().get(i));
        }
        List<MetricPoint> newestFirst = query.map((rs, ctx) -> {
            HistogramSummary s = TestReader.latency(rs);
            return new MetricPoint(rs.getString("agent"), rs.getString("run_id"), rs.getLong("sequence"),
                    rs.getString("started_at"), rs.getString("kernel_release"), rs.getString("kernel_commit"),
                    rs.getString("host_class"), TestStatus.valueOf(rs.getString("status")), s);
        }).list();
        List<MetricPoint> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The newest {@code q.limit()} points, newest first. */
    static Sql sql(HistoryQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.agent, t.run_id, t.sequence, t.status, r.started_at, r.kernel_release, r.kernel_commit,
                    r.host_class, l.metric, l.unit, l.n, l.min_value, l.p50, l.p90, l.p99, l.p999, l.max_value,
                    l.mean_value, l.hdr
                FROM run_tests rt
                JOIN tests t ON t.agent = rt.agent AND t.run_id = rt.run_id AND t.test_id = rt.test_id
                    AND t.backend = rt.backend
                JOIN latencies l ON l.agent = t.agent AND l.run_id = t.run_id AND l.sequence = t.sequence
                    AND l.metric = ?
                JOIN runs r ON r.agent = t.agent AND r.run_id = t.run_id
                WHERE rt.test_id = ? AND rt.device_model = ? AND rt.backend = ?""");
        List<Object> args = new ArrayList<>(List.of(q.metric(), q.testId(), q.deviceModel(), q.backend()));
        if (q.suite() != null) {
            sql.append(" AND t.suite = ?");
            args.add(q.suite());
        }
        if (q.hostClass() != null) {
            sql.append(" AND r.host_class = ?");
            args.add(q.hostClass());
        }
        sql.append(" ORDER BY rt.started_ms DESC, rt.agent DESC, rt.run_id DESC, t.sequence DESC LIMIT ?");
        args.add(q.limit());
        return new Sql(sql.toString(), args);
    }
}
