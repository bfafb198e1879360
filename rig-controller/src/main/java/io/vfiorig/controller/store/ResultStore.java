package io.vfiorig.controller.store;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import java.util.List;
import java.util.Optional;

/**
 * The controller's result store: runs, tests, invariant outcomes, latency histograms, counters,
 * environment, infrastructure errors. SQLite file by default, PostgreSQL for labs; the schema is
 * the same on both (Flyway migrations in {@code db/migration}, applied by {@link #open}).
 *
 * <p>Ingest is idempotent: a result is identified by (agent, run id, sequence); delivering it
 * again stores nothing and returns {@code false}, so an agent may replay whatever it has not seen
 * acknowledged. Each result is stored atomically, with all of its rows, or not at all.
 *
 * <p>Implementations are thread-safe. See {@code docs/store.md}.
 */
public interface ResultStore extends StoreTransactions, AutoCloseable {

    /**
     * Opens a store and brings its schema up to date.
     *
     * @param jdbcUrl {@code jdbc:sqlite:PATH} (parent directories are created; WAL mode, a busy
     *                timeout and foreign keys are switched on, URL parameters override them) or
     *                {@code jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P}
     * @return the open store
     * @throws IllegalArgumentException if the URL is of another database, or the database's schema
     *                                  is newer than this rig knows
     */
    static ResultStore open(String jdbcUrl) {
        return JdbiResultStore.open(jdbcUrl);
    }

    /**
     * Checks a result as {@link #ingest} would, without storing it, so a caller can refuse a whole
     * batch before storing any of it, and hand the checked result to {@link #ingestBatches}.
     *
     * @throws IllegalArgumentException if the result is malformed (missing test id, bad base64, ...)
     */
    static CheckedResult check(TestResult result) {
        return new CheckedResult(PreparedResult.of(result));
    }

    /**
     * Stores one test result, with the run it belongs to if the run is new.
     *
     * @param agent  the reporting agent's identity
     * @param runId  the agent's run id
     * @param header the run's header (must equal the stored one when the run exists)
     * @param result the result; its {@code sequence} is the third part of the key
     * @return {@code true} if it was stored now, {@code false} if it was already stored (a replay)
     * @throws ResultConflictException  if the key or the run is stored with different content
     * @throws IllegalArgumentException if the result is malformed (missing test id, bad base64, ...)
     */
    boolean ingest(String agent, String runId, RunHeader header, TestResult result);

    /**
     * Stores several results of one run in one transaction: all or none. Faster than one call per
     * result (one commit), with the same idempotency per result.
     *
     * @return how many were stored now (the rest were replays)
     * @throws ResultConflictException if any of them conflicts; then none is stored
     */
    int ingestAll(String agent, String runId, RunHeader header, List<TestResult> results);

    /**
     * Stores the results of several runs, of any agents, in one transaction: all or none. What a
     * controller uses to commit many agents' streams at once (one fsync for all of them).
     *
     * @return how many were stored now (the rest were replays)
     * @throws ResultConflictException  if any of them conflicts; then none is stored
     * @throws IllegalArgumentException if any of them is malformed; then none is stored
     */
    int ingestBatches(List<RunBatch> batches);

    /** One run's share of {@link #ingestBatches}. */
    record RunBatch(String agent, String runId, RunHeader header, List<CheckedResult> results) {
        public RunBatch {
            results = List.copyOf(results);
        }
    }

    /**
     * Records how a run ended, creating the run if no result of it was stored (a run that died
     * before its first test). Idempotent like {@link #ingest}.
     *
     * @return {@code true} if recorded now, {@code false} if this end was already recorded
     * @throws ResultConflictException if the run ended differently before, or its header differs
     */
    boolean finishRun(String agent, String runId, RunHeader header, RunEnd end);

    /**
     * Records how a run already in the store ended.
     *
     * @throws IllegalArgumentException if the store has no such run
     * @see #finishRun(String, String, RunHeader, RunEnd)
     */
    boolean finishRun(String agent, String runId, RunEnd end);

    /**
     * @return the run with this id, if any
     * @throws IllegalStateException if several agents reported runs with this id (run ids are
     *                               only unique per agent): use {@link #run(String, String)}
     */
    Optional<StoredRun> run(String runId);

    /** @return the run of {@code agent} with this id, if any */
    Optional<StoredRun> run(String agent, String runId);

    /**
     * @return the run's tests in sequence order, equal to the results that were ingested (null
     *         lists and maps come back empty)
     * @throws IllegalStateException as {@link #run(String)}
     */
    List<TestResult> tests(String runId);

    /** @return the tests of {@code agent}'s run in sequence order */
    List<TestResult> tests(String agent, String runId);

    /** @return the run with its tests as the agent's {@code results.json} holds them (what reports render) */
    default Optional<RunResults> runResults(String agent, String runId) {
        return run(agent, runId).map(r -> r.toRunResults(tests(agent, runId)));
    }

    /**
     * @return the run with this id and its tests, if any
     * @throws IllegalStateException as {@link #run(String)}
     */
    default Optional<RunResults> runResults(String runId) {
        return run(runId).flatMap(r -> runResults(r.agent(), runId));
    }

    /**
     * @param suite  only runs of this suite, or null for any
     * @param device only runs whose device spec is this, or null for any
     * @return the id of {@code agent}'s newest run (by start time) that matches, if any
     */
    Optional<String> latestRunId(String agent, String suite, String device);

    /**
     * History of one latency metric of one test on one device model and backend, any suite and
     * host class.
     *
     * @return the newest {@code limit} points, oldest first
     */
    default List<MetricPoint> history(String testId, String metric, String deviceModel, String backend, int limit) {
        return history(HistoryQuery.of(testId, metric, deviceModel, backend, limit));
    }

    /**
     * @return the newest {@code query.limit()} points matching {@code query}, oldest first (by run
     *         start, then agent, run id and sequence)
     */
    List<MetricPoint> history(HistoryQuery query);

    /**
     * @return every history the store holds (test, metric, device model, backend, suite, host
     *         class), for a scan of all of them such as {@code rig regressions}
     */
    List<SeriesKey> series();

    /** Stores a finished bisection, replacing an earlier one with the same id, in one transaction. */
    void storeBisection(StoredBisection bisection);

    /** @return the bisection with this id, if stored */
    Optional<StoredBisection> bisection(String id);

    /**
     * @return the highest sequence stored for the run, or -1 if none
     */
    long highestSequence(String agent, String runId);

    /**
     * The highest sequence {@code s} such that every sequence from 0 to {@code s} is stored, or -1.
     * This, not {@link #highestSequence}, is what a cumulative acknowledgement may say after a
     * restart: a result missing below the highest would otherwise never be replayed.
     */
    long contiguousSequence(String agent, String runId);

    /** Closes the store's connections. */
    @Override
    void close();
}
