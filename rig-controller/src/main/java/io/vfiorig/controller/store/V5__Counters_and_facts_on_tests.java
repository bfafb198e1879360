package io.vfiorig.controller.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Store version 2: a test's counters and facts become two JSON object columns of its {@code tests}
 * row, in the test's order, and the {@code counters} and {@code test_facts} tables go. One row per
 * result instead of one per entry is what the single writer needed for ingest throughput (issue 4).
 *
 * <p>Java, not SQL: building JSON in the database takes functions SQLite and PostgreSQL spell
 * differently, and there is one migration set for both. The JSON is written by {@link JsonColumns},
 * so migrated rows are exactly what the writer would have written.
 */
final class V5__Counters_and_facts_on_tests extends BaseJavaMigration {
    private static final int BATCH = 1_000;

    /** One column of a name/value row. */
    private interface Value<V> {
        V read(ResultSet rs) throws SQLException;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE tests ADD COLUMN counters TEXT NOT NULL DEFAULT '{}'");
            s.execute("ALTER TABLE tests ADD COLUMN facts TEXT NOT NULL DEFAULT '{}'");
        }
        move(c, "counters", "counters", rs -> {
            long v = rs.getLong("value");
            return rs.wasNull() ? null : v;
        }, JsonColumns::counters);
        move(c, "test_facts", "facts", rs -> rs.getString("value"), JsonColumns::facts);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE counters");
            s.execute("DROP TABLE test_facts");
            s.execute("UPDATE schema_meta SET value = '2' WHERE name = 'store_version'");
        }
    }

    /** Rewrites every test's rows of {@code table} as one JSON object in {@code tests.column}, by ordinal. */
    private static <V> void move(Connection c, String table, String column, Value<V> value,
            Function<Map<String, V>, String> json) throws SQLException {
        try (Statement select = c.createStatement();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE tests SET " + column + " = ? WHERE agent = ? AND run_id = ? AND sequence = ?")) {
            select.setFetchSize(BATCH); // PostgreSQL streams instead of loading the table (in a transaction)
            try (ResultSet rs = select.executeQuery("SELECT agent, run_id, sequence, name, value FROM " + table
                    + " ORDER BY agent, run_id, sequence, ordinal")) {
                Key current = null;
                Map<String, V> entries = new LinkedHashMap<>();
                int pending = 0;
                while (rs.next()) {
                    Key key = new Key(rs.getString("agent"), rs.getString("run_id"), rs.getLong("sequence"));
                    if (!key.equals(current)) {
                        pending += set(update, current, json, entries);
                        current = key;
                        entries = new LinkedHashMap<>();
                    }
                    entries.put(rs.getString("name"), value.read(rs));
                    if (pending >= BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                set(update, current, json, entries);
            }
            update.executeBatch();
        }
    }

    private record Key(String agent, String runId, long sequence) {}

    /** Adds the update of one test to the batch; @return 1, or 0 before the first test. */
    private static <V> int set(PreparedStatement update, Key key, Function<Map<String, V>, String> json,
            Map<String, V> entries) throws SQLException {
        if (key == null) {
            return 0;
        }
        update.setString(1, json.apply(entries));
        update.setString(2, key.agent());
        update.setString(3, key.runId());
        update.setLong(4, key.sequence());
        update.addBatch();
        return 1;
    }
}
