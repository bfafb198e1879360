package io.vfiorig.controller.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes {@code bisections} and {@code bisect_steps} (migration V4). */
final class BisectionRows {
    private BisectionRows() {}

    static void replace(Handle h, StoredBisection b) {
        h.execute("DELETE FROM bisections WHERE bisection_id = ?", b.id());
        h.createUpdate("""
                INSERT INTO bisections (bisection_id, mode, tree, good, bad, suite, target, status, culprit, culprit_label,
                    last_good, message, kernels_tested, bisect_log, result_json, stored_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, b.id()).bind(1, b.mode()).bind(2, b.tree()).bind(3, b.good()).bind(4, b.bad()).bind(5, b.suite())
                .bind(6, b.target()).bind(7, b.status()).bind(8, b.culprit()).bind(9, b.culpritLabel()).bind(10, b.lastGood())
                .bind(11, b.message()).bind(12, b.kernelsTested()).bind(13, b.bisectLog()).bind(14, b.resultJson())
                .bind(15, System.currentTimeMillis()).execute();
        for (StoredBisection.Step s : b.steps()) {
            h.createUpdate("""
                    INSERT INTO bisect_steps (bisection_id, ordinal, role, rev, label, verdict, reason, run_ids, infra_failures)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, b.id()).bind(1, s.ordinal()).bind(2, s.role()).bind(3, s.rev()).bind(4, s.label())
                    .bind(5, s.verdict()).bind(6, s.reason()).bind(7, s.runIds()).bind(8, s.infraFailures()).execute();
        }
    }

    static Optional<StoredBisection> read(Handle h, String id) {
        List<StoredBisection.Step> steps = h.createQuery("""
                SELECT ordinal, role, rev, label, verdict, reason, run_ids, infra_failures FROM bisect_steps
                WHERE bisection_id = ? ORDER BY ordinal""").bind(0, id)
                .map((rs, ctx) -> new StoredBisection.Step(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8))).list();
        return h.createQuery("""
                SELECT mode, tree, good, bad, suite, target, status, culprit, culprit_label, last_good, message,
                    kernels_tested, bisect_log, result_json FROM bisections WHERE bisection_id = ?""").bind(0, id)
                .map((rs, ctx) -> new StoredBisection(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getLong(12), rs.getString(13), rs.getString(14), steps)).findOne();
    }
}
