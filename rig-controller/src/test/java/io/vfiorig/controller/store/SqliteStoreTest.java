package io.vfiorig.controller.store;

import static io.vfiorig.controller.store.SampleRun.AGENT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;
import org.testng.annotations.Test;

/** What only the embedded default has: a file, its pragmas, and reopening it. */
public class SqliteStoreTest {

    /**
     * The history query walks run_tests_history in order and sorts only each run's results: a
     * sort of the whole history ("USE TEMP B-TREE FOR ORDER BY") would read all of it before the
     * LIMIT, however many nights the store holds.
     */
    @Test
    public void theHistoryQueryReadsTheIndexInOrderAndStopsAtItsLimit() {
        try (ResultStore s = ResultStore.open(StoreBackends.newSqliteUrl())) {
            for (HistoryQuery q : List.of(HistoryQuery.of(SampleRun.FAULT_TEST, "fault_latency", "sim", "sim", 30),
                    HistoryQuery.of(SampleRun.FAULT_TEST, "fault_latency", "sim", "sim", 30).inSuite("smoke")
                            .onHostClass("epyc-2s"))) {
                HistoryReader.Sql sql = HistoryReader.sql(q);
                List<String> plan = s.withHandle(h -> {
                    Query explain = h.createQuery("EXPLAIN QUERY PLAN " + sql.text());
                    for (int i = 0; i < sql.args().size(); i++) {
                        explain.bind(i, sql.args().get(i));
                    }
                    return explain.map((rs, ctx) -> rs.getString("detail")).list();
                });
                assertTrue(plan.getFirst().contains("run_tests_history"), plan.toString());
                // SQLite says RIGHT PART or LAST TERM: either way only the terms after the run's are sorted.
                assertTrue(plan.stream().anyMatch(d -> d.matches("USE TEMP B-TREE FOR (RIGHT PART|LAST TERM) OF ORDER BY")),
                        plan.toString());
                assertFalse(plan.contains("USE TEMP B-TREE FOR ORDER BY"), plan.toString());
            }
        }
    }

    @Test
    public void closingAndReopeningTheFileKeepsEverything() {
        String url = StoreBackends.newSqliteUrl();
        RunResults first = SampleRun.run("run-1", "2025-03-01T10:00:00Z");
        RunResults second = SampleRun.run("run-2", "2025-03-02T10:00:00Z");
        try (ResultStore s = ResultStore.open(url)) {
            first.tests().forEach(t -> s.ingest(AGENT, "run-1", SampleRun.header(first), t));
            s.finishRun(AGENT, "run-1", RunEnd.of(first));
            s.ingest(AGENT, "run-2", SampleRun.header(second), second.tests().get(0)); // left running
        }
        Map<String, Long> counts = Rows.counts(url);
        try (ResultStore s = ResultStore.open(url)) {
            assertEquals(Rows.counts(url), counts);
            assertEquals(s.run("run-1").orElseThrow().toRunResults(s.tests("run-1")), first);
            assertEquals(s.run("run-2").orElseThrow().status(), StoredRun.RUNNING);
            assertEquals(s.highestSequence(AGENT, "run-2"), 0, "what to acknowledge after a restart");
            for (TestResult t : second.tests()) {
                s.ingest(AGENT, "run-2", SampleRun.header(second), t); // the agent replays from its spool
            }
            assertTrue(s.finishRun(AGENT, "run-2", RunEnd.of(second)));
            assertEquals(s.run("run-2").orElseThrow().toRunResults(s.tests("run-2")), second);
        }
    }

    @Test
    public void connectionsUseWalForeignKeysAndABusyTimeout() throws SQLException {
        String url = StoreBackends.newSqliteUrl();
        ResultStore.open(url).close();
        // WAL is a property of the file: a connection without the store's settings sees it too.
        assertEquals(Rows.text(url, "PRAGMA journal_mode"), "wal");
        try (Connection c = Dialect.SQLITE.dataSource(url).getConnection(); Statement st = c.createStatement()) {
            assertEquals(pragma(st, "journal_mode"), "wal");
            assertEquals(pragma(st, "foreign_keys"), "1");
            assertEquals(pragma(st, "busy_timeout"), "30000");
            assertEquals(pragma(st, "synchronous"), "2"); // FULL
        }
        // URL parameters override the defaults.
        try (Connection c = Dialect.SQLITE.dataSource(url + "?synchronous=NORMAL").getConnection();
                Statement st = c.createStatement()) {
            assertEquals(pragma(st, "synchronous"), "1");
        }
    }

    @Test
    public void histogramsAreStoredAsBlobs() {
        String url = StoreBackends.newSqliteUrl();
        try (ResultStore s = ResultStore.open(url)) {
            s.ingest(AGENT, "run-1", SampleRun.header(SampleRun.run("run-1", "2025-03-01T10:00:00Z")),
                    SampleRun.passed(0));
        }
        // BYTEA has NUMERIC affinity in SQLite, which never converts a blob: check that it stayed one.
        assertEquals(Rows.single(url, "SELECT COUNT(*) FROM latencies WHERE typeof(hdr) <> 'blob'"), 0L);
        assertEquals(Rows.single(url, "SELECT COUNT(*) FROM latencies"), 3L);
    }

    @Test
    public void parentDirectoriesAreCreated() {
        Path dir = Path.of(StoreBackends.newSqliteUrl().substring("jdbc:sqlite:".length())).getParent();
        Path file = dir.resolve("a/b/store.db");
        try (ResultStore s = ResultStore.open("jdbc:sqlite:" + file)) {
            assertTrue(s.run("nothing").isEmpty());
        }
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    public void urlsThatWouldLoseResultsOrAreUnknownAreRefused() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> ResultStore.open("jdbc:sqlite::memory:"));
        assertTrue(e.getMessage().contains("needs a file"), e.getMessage());
        expectThrows(IllegalArgumentException.class, () -> ResultStore.open("jdbc:sqlite:file:x?mode=memory"));
        e = expectThrows(IllegalArgumentException.class, () -> ResultStore.open("jdbc:mysql://localhost/rig"));
        assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    private static String pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
