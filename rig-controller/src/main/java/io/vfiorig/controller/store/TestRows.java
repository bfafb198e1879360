package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes test results: their {@code tests} rows (counters and facts included), their child rows in
 * batches, and the run's entry in {@code run_tests} (the history index) for each test it reports.
 */
final class TestRows {
    private TestRows() {}

    /**
     * Inserts the result unless its key is already stored. Runs inside the caller's transaction.
     *
     * @return {@code true} if inserted now, {@code false} if (agent, run, sequence) was there
     */
    static boolean insert(Handle h, String agent, String runId, RunHeader header, PreparedResult p) {
        int inserted;
        try (RowBatch test = new RowBatch(h, INSERT_TEST + " ON CONFLICT (agent, run_id, sequence) DO NOTHING")) {
            inserted = bindTest(test, agent, runId, header.deviceModel(), header.startedMillis(), p).update();
        }
        if (inserted == 0) {
            return false;
        }
        try (Children children = new Children(h, null)) {
            children.add(agent, runId, header.deviceModel(), header.startedMillis(), p);
            children.execute();
        }
        return true;
    }

    /**
     * The insert statements of a group, prepared once: results known to be absent (checked in the same
     * transaction) are added run after run and written with one batch per table.
     */
    static final class Batches implements AutoCloseable {
        private final RowSink tests;
        private final Children children;

        /**
         * @param copy  the tests rows go in with COPY (PostgreSQL); the child rows are few and stay INSERTs
         * @param known runs whose committed {@code run_tests} entries are skipped
         */
        Batches(Handle h, boolean copy, KnownRuns known) {
            tests = copy ? new CopyBatch(h.getConnection(), "tests", TEST_COLUMNS) : new RowBatch(h, INSERT_TEST);
            children = new Children(h, known);
        }

        void add(String agent, String runId, String deviceModel, long startedMs, PreparedResult p) {
            bindTest(tests, agent, runId, deviceModel, startedMs, p).add();
            children.add(agent, runId, deviceModel, startedMs, p);
        }

        /** Tests first: the child rows' foreign keys need them. */
        void execute() {
            tests.execute();
            children.execute();
        }

        @Override
        public void close() {
            try (tests; children) {
                // closes both, even if one fails
            }
        }
    }

    /**
     * The invariant outcomes and latencies of results whose tests rows are (or will be, before execute)
     * in, and their runs' {@code run_tests} entries: each once per batch, none that {@code known}
     * says is committed; one stored earlier is kept.
     */
    private static final class Children implements AutoCloseable {
        private record Listing(String agent, String runId, KnownRuns.RunTest test) {}

        private final RowBatch invariants;
        private final RowBatch latencies;
        private final RowBatch runTests;
        private final KnownRuns known; // null: look at nothing, let the insert skip what is there
        private final Set<Listing> listed = new HashSet<>();

        Children(Handle h, KnownRuns known) {
            invariants = new RowBatch(h, INSERT_INVARIANT);
            latencies = new RowBatch(h, INSERT_LATENCY);
            runTests = new RowBatch(h, INSERT_RUN_TEST);
            this.known = known;
        }

        void add(String agent, String runId, String deviceModel, long startedMs, PreparedResult p) {
            addInvariants(invariants, agent, runId, p);
            addLatencies(latencies, agent, runId, p.result(), p.hdr());
            TestResult r = p.result();
            KnownRuns.RunTest test = KnownRuns.RunTest.of(r);
            if ((known == null || !known.listed(agent, runId, test)) && listed.add(new Listing(agent, runId, test))) {
                runTests.text(agent).text(runId).text(r.test()).text(r.backend()).text(deviceModel).integer(startedMs).add();
            }
        }

        void execute() {
            invariants.execute();
            latencies.execute();
            runTests.execute();
        }

        @Override
        public void close() {
            try (invariants; latencies; runTests) {
                // closes both, even if one fails
            }
        }
    }

    // Counters and facts are JSON on the tests row (V5): one row per result instead of one per entry.
    private static final String TEST_COLUMNS = """
            agent, run_id, sequence, suite, test_id, device, backend, device_model, started_ms, status, duration_ms,
                message, timeline, counters, facts""";
    private static final String INSERT_TEST = "INSERT INTO tests (" + TEST_COLUMNS + """
            )
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_INVARIANT = """
            INSERT INTO invariant_outcomes (agent, run_id, sequence, ordinal, invariant, status, violations,
                summary, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LATENCY = """
            INSERT INTO latencies (agent, run_id, sequence, metric, ordinal, unit, n, min_value, p50, p90, p99,
                p999, max_value, mean_value, hdr)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_RUN_TEST = """
            INSERT INTO run_tests (agent, run_id, test_id, backend, device_model, started_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (agent, run_id, test_id, backend) DO NOTHING""";

    private static <S extends RowSink> S bindTest(S b, String agent, String runId, String deviceModel, long startedMs,
            PreparedResult p) {
        TestResult r = p.result();
        b.text(agent).text(runId).integer(r.sequence()).text(r.suite()).text(r.test()).text(r.device())
                .text(r.backend()).text(deviceModel).integer(startedMs).text(r.status().name())
                .integer(r.durationMs()).text(r.message()).text(p.columns().timeline())
                .text(p.columns().counters()).text(p.columns().facts());
        return b;
    }

    private static void addInvariants(RowBatch b, String agent, String runId, PreparedResult p) {
        List<InvariantOutcome> invariants = p.result().invariants();
        for (int i = 0; i < invariants.size(); i++) {
            InvariantOutcome o = invariants.get(i);
            b.text(agent).text(runId).integer(p.result().sequence()).integer(i).text(o.invariant()).text(o.status().name())
                    .integer(o.violations()).text(o.summary()).text(p.columns().evidence().get(i)).add();
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
