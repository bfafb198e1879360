package io.vfiorig.controller.store;

import io.vfiorig.agent.result.InfraError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes and reads the {@code runs}, {@code environment} and {@code infra_errors} rows of a run. */
final class RunRows {
    private RunRows() {}

    /**
     * Inserts the run unless it is there; if it is, its stored header must equal {@code header}.
     *
     * @return whether the run was inserted now
     * @throws ResultConflictException if the stored header differs
     */
    static boolean insertOrCheck(Handle h, String agent, String runId, RunHeader header) {
        int inserted = h.createUpdate("""
                INSERT INTO runs (agent, run_id, host, host_class, suite, device, backend, device_model,
                    kernel_release, kernel_commit, rig_version, results_schema, started_at, started_ms, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent, run_id) DO NOTHING""")
                .bind(0, agent).bind(1, runId).bind(2, header.environment().host()).bind(3, header.hostClass())
                .bind(4, header.suite()).bind(5, header.device()).bind(6, header.backend())
                .bind(7, header.deviceModel()).bind(8, header.environment().kernelRelease())
                .bind(9, header.kernelCommit()).bind(10, header.environment().rigVersion())
                .bind(11, header.resultsSchema()).bind(12, header.startedAt()).bind(13, header.startedMillis())
                .bind(14, StoredRun.RUNNING)
                .execute();
        if (inserted == 1) {
            PreparedBatch env = h.prepareBatch("INSERT INTO environment (agent, run_id, name, value) VALUES (?, ?, ?, ?)");
            EnvironmentFacts.of(header.environment()).forEach((k, v) -> env.bind(0, agent).bind(1, runId).bind(2, k)
                    .bind(3, v).add());
            env.execute();
            return true;
        }
        RunHeader stored = read(h, agent, runId).orElseThrow().header();
        if (!stored.equals(header)) {
            throw new ResultConflictException("run " + runId + " of agent " + agent
                    + " is already stored with a different header; refused: " + Differences.between(stored, header));
        }
        return false;
    }

    /**
     * Records the end of a stored run once.
     *
     * @return whether it was recorded now ({@code false}: this very end was recorded before)
     * @throws IllegalArgumentException if there is no such run
     * @throws ResultConflictException  if the run ended differently before
     */
    static boolean finish(Handle h, String agent, String runId, RunEnd end) {
        int updated = h.createUpdate("""
                UPDATE runs SET finished_at = ?, finished_ms = ?, status = ?, exit_code = ?
                WHERE agent = ? AND run_id = ? AND finished_at IS NULL""")
                .bind(0, end.finishedAt()).bind(1, end.finishedMillis()).bind(2, end.status()).bind(3, end.exitCode())
                .bind(4, agent).bind(5, runId)
                .execute();
        if (updated == 1) {
            if (!end.infraErrors().isEmpty()) {
                PreparedBatch b = h.prepareBatch("""
                        INSERT INTO infra_errors (agent, run_id, ordinal, kind, message, artifact, during_test)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""");
                int i = 0;
                for (InfraError e : end.infraErrors()) {
                    b.bind(0, agent).bind(1, runId).bind(2, i++).bind(3, e.kind()).bind(4, e.message())
                            .bind(5, e.artifact()).bind(6, e.duringTest()).add();
                }
                b.execute();
            }
            return true;
        }
        StoredRun stored = read(h, agent, runId).orElseThrow(() -> new IllegalArgumentException(
                "cannot finish run " + runId + " of agent " + agent + ": the store has no such run"));
        if (!end.equals(stored.end())) {
            throw new ResultConflictException("run " + runId + " of agent " + agent
                    + " already ended differently; refused: " + Differences.between(stored.end(), end));
        }
        return false;
    }

    static Optional<StoredRun> read(Handle h, String agent, String runId) {
        Map<String, String> env = h.createQuery("SELECT name, value FROM environment WHERE agent = ? AND run_id = ?")
                .bind(0, agent).bind(1, runId)
                .reduceResultSet(new LinkedHashMap<>(), (m, rs, ctx) -> {
                    m.put(rs.getString("name"), rs.getString("value"));
                    return m;
                });
        List<InfraError> infra = h.createQuery("""
                SELECT kind, message, artifact, during_test FROM infra_errors
                WHERE agent = ? AND run_id = ? ORDER BY ordinal""")
                .bind(0, agent).bind(1, runId)
                .map((rs, ctx) -> new InfraError(rs.getString("kind"), rs.getString("message"),
                        rs.getString("artifact"), rs.getString("during_test")))
                .list();
        return h.createQuery("SELECT * FROM runs WHERE agent = ? AND run_id = ?")
                .bind(0, agent).bind(1, runId)
                .map((rs, ctx) -> run(rs, env, infra))
                .findOne();
    }

    /** The agents that reported a run with this id (normally one). */
    static List<String> agentsOf(Handle h, String runId) {
        return h.createQuery("SELECT agent FROM runs WHERE run_id = ? ORDER BY agent")
                .bind(0, runId).mapTo(String.class).list();
    }

    private static StoredRun run(ResultSet rs, Map<String, String> env, List<InfraError> infra) throws SQLException {
        RunHeader header = new RunHeader(rs.getInt("results_schema"), rs.getString("suite"), rs.getString("device"),
                rs.getString("backend"), rs.getString("device_model"), rs.getString("kernel_commit"),
                rs.getString("host_class"), rs.getString("started_at"), EnvironmentFacts.from(env));
        String finishedAt = rs.getString("finished_at");
        RunEnd end = finishedAt == null ? null
                : new RunEnd(finishedAt, rs.getString("status"), rs.getInt("exit_code"), infra);
        return new StoredRun(rs.getString("agent"), rs.getString("run_id"), header, end);
    }
}
