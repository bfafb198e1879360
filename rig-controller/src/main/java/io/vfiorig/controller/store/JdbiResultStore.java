package io.vfiorig.controller.store;

import io.vfiorig.agent.result.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ResultStore} on JDBI over SQLite or PostgreSQL. Writes are one transaction each; reads
 * use a handle per call from a small pool.
 */
final class JdbiResultStore implements ResultStore {
    private static final int POOL_SIZE = 8;

    private final Jdbi jdbi;
    private final ConnectionPool pool;
    // SQLite has one writer at a time: queueing here is fairer and faster than its busy-wait sleeps.
    private final Lock writeGate;
    private final Dialect dialect;
    private final KnownRuns knownRuns = new KnownRuns();

    private JdbiResultStore(ConnectionPool pool, Dialect dialect) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.dialect = dialect;
        this.writeGate = dialect.singleWriter() ? new ReentrantLock() : null;
    }

    static JdbiResultStore open(String jdbcUrl) {
        Dialect dialect = Dialect.of(jdbcUrl);
        DataSource ds = dialect.dataSource(jdbcUrl);
        Migrations.migrate(ds);
        ConnectionPool pool = new ConnectionPool(ds, POOL_SIZE);
        try {
            JdbiResultStore store = new JdbiResultStore(pool, dialect);
            store.checkStoreVersion();
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Readers that bypass Flyway rely on schema_meta; keep it honest. */
    private void checkStoreVersion() {
        String v = jdbi.withHandle(h -> h.createQuery("SELECT value FROM schema_meta WHERE name = 'store_version'")
                .mapTo(String.class).one());
        if (Integer.parseInt(v) > StoreVersion.CURRENT) {
            throw new IllegalArgumentException("the result store has version " + v + ", newer than this vfio-rig knows ("
                    + StoreVersion.CURRENT + ")");
        }
    }

    @Override
    public boolean ingest(String agent, String runId, RunHeader header, TestResult result) {
        key(agent, runId, header);
        PreparedResult p = PreparedResult.of(result);
        return write(h -> {
            RunRows.insertOrCheck(h, agent, runId, header);
            // Insert-or-compare, not the group's lookup-then-batch: concurrent single ingests of one key
            // (PostgreSQL has no write gate) must meet on the key, not fail on it.
            return GroupWriter.insertOrCompare(h, agent, runId, header, p);
        });
    }

    @Override
    public int ingestAll(String agent, String runId, RunHeader header, List<TestResult> results) {
        return ingestBatches(List.of(new RunBatch(agent, runId, header, results.stream().map(ResultStore::check).toList())));
    }

    @Override
    public int ingestBatches(List<RunBatch> batches) {
        List<GroupWriter.RunResults> runs = new ArrayList<>(batches.size());
        for (RunBatch b : batches) {
            key(b.agent(), b.runId(), b.header());
            runs.add(new GroupWriter.RunResults(b.agent(), b.runId(), b.header(),
                    b.results().stream().map(c -> c.prepared).toList()));
        }
        int stored = write(h -> {
            for (RunBatch b : batches) {
                if (!knownRuns.stored(b.agent(), b.runId(), b.header())) {
                    RunRows.insertOrCheck(h, b.agent(), b.runId(), b.header());
                }
            }
            try (GroupWriter w = new GroupWriter(h, dialect.copiesRows(), knownRuns)) {
                return w.write(runs);
            }
        });
        for (RunBatch b : batches) {
            knownRuns.committed(b.agent(), b.runId(), b.header(), b.results().stream()
                    .map(c -> KnownRuns.RunTest.of(c.result())).toList());
        }
        return stored;
    }

    @Override
    public boolean finishRun(String agent, String runId, RunHeader header, RunEnd end) {
        key(agent, runId, header);
        Objects.requireNonNull(end, "end");
        return write(h -> {
            RunRows.insertOrCheck(h, agent, runId, header);
            return RunRows.finish(h, agent, runId, end);
        });
    }

    @Override
    public boolean finishRun(String agent, String runId, RunEnd end) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(end, "end");
        return write(h -> RunRows.finish(h, agent, runId, end));
    }

    @Override
    public Optional<StoredRun> run(String runId) {
        return jdbi.withHandle(h -> onlyAgent(h, runId).flatMap(agent -> RunRows.read(h, agent, runId)));
    }

    @Override
    public Optional<StoredRun> run(String agent, String runId) {
        return jdbi.withHandle(h -> RunRows.read(h, agent, runId));
    }

    @Override
    public List<TestResult> tests(String runId) {
        return jdbi.withHandle(h -> onlyAgent(h, runId).map(agent -> TestReader.all(h, agent, runId))
                .orElse(List.of()));
    }

    @Override
    public List<TestResult> tests(String agent, String runId) {
        return jdbi.withHandle(h -> TestReader.all(h, agent, runId));
    }

    @Override
    public Optional<String> latestRunId(String agent, String suite, String device) {
        // Conditions only for the filters given: PostgreSQL cannot type a bare NULL parameter.
        String sql = "SELECT run_id FROM runs WHERE agent = :agent" + (suite == null ? "" : " AND suite = :suite")
                + (device == null ? "" : " AND device = :device") + " ORDER BY started_ms DESC, run_id DESC LIMIT 1";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql).bind("agent", agent);
            if (suite != null) {
                q.bind("suite", suite);
            }
            if (device != null) {
                q.bind("device", device);
            }
            return q.mapTo(String.class).findFirst();
        });
    }

    @Override
    public List<MetricPoint> history(HistoryQuery query) {
        return jdbi.withHandle(h -> HistoryReader.read(h, query));
    }

    @Override
    public List<SeriesKey> series() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT DISTINCT t.test_id, l.metric, t.device_model, t.backend, t.suite, r.host_class
                FROM tests t
                JOIN latencies l ON l.agent = t.agent AND l.run_id = t.run_id AND l.sequence = t.sequence
                JOIN runs r ON r.agent = t.agent AND r.run_id = t.run_id
                ORDER BY t.device_model, t.backend, t.suite, t.test_id, l.metric""")
                .map((rs, ctx) -> new SeriesKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list());
    }

    @Override
    public void storeBisection(StoredBisection bisection) {
        write(h -> {
            BisectionRows.replace(h, bisection);
            return null;
        });
    }

    @Override
    public Optional<StoredBisection> bisection(String id) {
        return jdbi.withHandle(h -> BisectionRows.read(h, id));
    }

    @Override
    public long highestSequence(String agent, String runId) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT COALESCE(MAX(sequence), -1) FROM tests WHERE agent = ? AND run_id = ?")
                .bind(0, agent).bind(1, runId).mapTo(Long.class).one());
    }

    @Override
    public long contiguousSequence(String agent, String runId) {
        return jdbi.withHandle(h -> {
            boolean hasFirst = h.createQuery("SELECT COUNT(*) FROM tests WHERE agent = ? AND run_id = ? AND sequence = 0")
                    .bind(0, agent).bind(1, runId).mapTo(Long.class).one() > 0;
            if (!hasFirst) {
                return -1L;
            }
            // The first stored sequence whose successor is missing ends the unbroken prefix.
            return h.createQuery("""
                    SELECT MIN(t.sequence) FROM tests t
                    WHERE t.agent = ? AND t.run_id = ? AND NOT EXISTS (
                        SELECT 1 FROM tests n
                        WHERE n.agent = t.agent AND n.run_id = t.run_id AND n.sequence = t.sequence + 1)""")
                    .bind(0, agent).bind(1, runId).mapTo(Long.class).one();
        });
    }

    @Override
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        return write(work);
    }

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    @Override
    public void close() {
        pool.close();
    }

    private <T> T write(HandleCallback<T, RuntimeException> work) {
        if (writeGate == null) {
            return jdbi.inTransaction(work);
        }
        writeGate.lock();
        try {
            return jdbi.inTransaction(work);
        } finally {
            writeGate.unlock();
        }
    }

    /** The agent of a run id, if exactly one agent reported it. */
    private static Optional<String> onlyAgent(Handle h, String runId) {
        List<String> agents = RunRows.agentsOf(h, runId);
        if (agents.size() > 1) {
            throw new IllegalStateException("run id " + runId + " was reported by several agents " + agents
                    + "; ask for it with the agent");
        }
        return agents.stream().findFirst();
    }

    private static void key(String agent, String runId, RunHeader header) {
        if (agent == null || agent.isBlank()) {
            throw new IllegalArgumentException("agent is missing");
        }
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id is missing");
        }
        Objects.requireNonNull(header, "header");
    }
}
