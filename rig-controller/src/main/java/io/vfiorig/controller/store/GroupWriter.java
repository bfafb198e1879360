package io.vfiorig.controller.store;

import io.vfiorig.agent.result.TestResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes the results of many runs inside one transaction (a group commit) with per-group, not per-run,
 * costs: each insert statement is prepared once and executed as one batch, and the sequences already
 * stored are looked up for up to {@value #RUNS_PER_LOOKUP} runs per query. With a thousand agents a
 * group holds a thousand runs of a few results each, and per-run statements (a round trip each on
 * PostgreSQL) were most of the writer's time.
 */
final class GroupWriter implements AutoCloseable {
    static final int RUNS_PER_LOOKUP = 100;

    /** One run's share of the group: its results, checked and prepared. */
    record RunResults(String agent, String runId, RunHeader header, List<PreparedResult> results) {}

    private record RunKey(String agent, String runId) {}

    private final Handle h;
    private final TestRows.Batches batches;

    /**
     * @param copy  whether the database takes the tests rows with {@code COPY} ({@link Dialect#copiesRows})
     * @param known runs whose committed {@code run_tests} entries need not be written again
     */
    GroupWriter(Handle h, boolean copy, KnownRuns known) {
        this.h = h;
        this.batches = new TestRows.Batches(h, copy, known);
    }

    /**
     * Inserts what is new; a result whose key is already stored (or earlier in this group) is compared
     * instead, and must be the same.
     *
     * @return how many results were inserted
     * @throws ResultConflictException if a result's key is stored with different content
     */
    int write(List<RunResults> runs) {
        Map<RunKey, Set<Long>> seen = storedSequences(runs);
        List<Map.Entry<RunResults, PreparedResult>> again = new ArrayList<>();
        int inserted = 0;
        for (RunResults run : runs) {
            Set<Long> runSeen = seen.computeIfAbsent(new RunKey(run.agent(), run.runId()), k -> new HashSet<>());
            String deviceModel = run.header().deviceModel();
            long startedMs = run.header().startedMillis();
            for (PreparedResult p : run.results()) {
                if (runSeen.add(p.result().sequence())) {
                    batches.add(run.agent(), run.runId(), deviceModel, startedMs, p);
                    inserted++;
                } else {
                    again.add(Map.entry(run, p));
                }
            }
        }
        batches.execute();
        for (Map.Entry<RunResults, PreparedResult> e : again) { // after the batches: a repeat meets its first
            RunResults run = e.getKey();
            inserted += insertOrCompare(h, run.agent(), run.runId(), run.header(), e.getValue()) ? 1 : 0;
        }
        return inserted;
    }

    /**
     * Inserts a result unless its key is taken; if it is, the stored result must equal it.
     *
     * @return whether it was inserted
     * @throws ResultConflictException if the key is stored with different content
     */
    static boolean insertOrCompare(Handle h, String agent, String runId, RunHeader header, PreparedResult p) {
        if (TestRows.insert(h, agent, runId, header, p)) {
            return true;
        }
        long seq = p.result().sequence();
        TestResult stored = TestReader.one(h, agent, runId, seq).orElseThrow();
        if (!stored.equals(p.result())) {
            throw new ResultConflictException("result (agent " + agent + ", run " + runId + ", sequence " + seq
                    + ") is already stored with different content; refused: " + Differences.between(stored, p.result()));
        }
        return false;
    }

    /** The stored sequences of each run within the span of its results, {@value #RUNS_PER_LOOKUP} runs per query. */
    private Map<RunKey, Set<Long>> storedSequences(List<RunResults> runs) {
        List<RunResults> withResults = runs.stream().filter(r -> !r.results().isEmpty()).toList();
        Map<RunKey, Set<Long>> seen = new HashMap<>();
        for (int from = 0; from < withResults.size(); from += RUNS_PER_LOOKUP) {
            List<RunResults> chunk = withResults.subList(from, Math.min(withResults.size(), from + RUNS_PER_LOOKUP));
            StringBuilder sql = new StringBuilder("SELECT agent, run_id, sequence FROM tests WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(agent = ? AND run_id = ? AND sequence BETWEEN ? AND ?)");
            }
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
                int col = 0;
                for (RunResults r : chunk) {
                    ps.setString(++col, r.agent());
                    ps.setString(++col, r.runId());
                    ps.setLong(++col, r.results().stream().mapToLong(p -> p.result().sequence()).min().orElseThrow());
                    ps.setLong(++col, r.results().stream().mapToLong(p -> p.result().sequence()).max().orElseThrow());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.computeIfAbsent(new RunKey(rs.getString(1), rs.getString(2)), k -> new HashSet<>())
                                .add(rs.getLong(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot look up stored results: " + e.getMessage(), e);
            }
        }
        return seen;
    }

    @Override
    public void close() {
        batches.close();
    }
}
