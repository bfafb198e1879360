package io.vfiorig.controller.store;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.store.StoreBackends.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/** Older stores are migrated with their data; a database migrated by a newer rig is refused rather than misread. */
public class MigrationsTest {
    private static final String AGENT = "lab-host-1";
    private static final String RUN = "run-v4";

    /** V5: counters and facts rows of a version-4 store end up on their tests rows, in ordinal order, nulls kept. */
    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void countersAndFactsOfAVersion4StoreMoveOntoTheirTestsInOrder(Backend b) {
        String url = b.newUrl();
        Migrations.configure(Dialect.of(url).dataSource(url)).target("4").load().migrate();
        oldRun(url, RUN, "sim", 1);
        for (int seq = 0; seq < 3; seq++) {
            oldTest(url, RUN, seq, "T.m" + seq, "sim", 1);
        }
        // Inserted out of ordinal order, names not in alphabetical order either: only the ordinal may decide.
        counter(url, 0, "mid", 2, "-7");
        counter(url, 0, "zeta", 0, "9007199254740993"); // not exact as a double
        counter(url, 0, "alpha", 1, "NULL");
        counter(url, 1, "faults", 0, "512");
        fact(url, 0, "thp", 1, "'always'");
        fact(url, 0, "sim.bug", 0, "NULL");
        fact(url, 0, "note", 2, "'\"quoted\" <&> '' ü'");
        fact(url, 2, "pattern", 0, "'sequential'");

        try (ResultStore s = ResultStore.open(url)) {
            List<TestResult> tests = s.tests(AGENT, RUN);
            assertEquals(tests.size(), 3);
            assertEntries(tests.get(0).counters(), List.of("zeta", "alpha", "mid"), Arrays.asList(9007199254740993L, null, -7L));
            assertEntries(tests.get(0).facts(), List.of("sim.bug", "thp", "note"),
                    Arrays.asList(null, "always", "\"quoted\" <&> ' ü"));
            assertEntries(tests.get(1).counters(), List.of("faults"), List.of(512L));
            assertEntries(tests.get(1).facts(), List.of(), List.of());
            assertEntries(tests.get(2).counters(), List.of(), List.of());
            assertEntries(tests.get(2).facts(), List.of("pattern"), List.of("sequential"));

            // What was migrated reads back equal to itself delivered again, and what differs is refused.
            RunHeader header = s.run(AGENT, RUN).orElseThrow().header();
            assertFalse(s.ingest(AGENT, RUN, header, tests.get(0)), "a replay of a migrated result is no conflict");
            TestResult t = tests.get(1);
            TestResult otherCount = new TestResult(t.sequence(), t.suite(), t.test(), t.device(), t.backend(),
                    t.status(), t.durationMs(), t.message(), t.invariants(), t.latencies(), Map.of("faults", 513L),
                    t.timeline(), t.facts());
            expectThrows(ResultConflictException.class, () -> s.ingest(AGENT, RUN, header, otherCount));
        }
        assertEquals(Rows.text(url, "SELECT value FROM schema_meta WHERE name = 'store_version'"), "2");
        for (String gone : List.of("counters", "test_facts")) {
            expectThrows(IllegalStateException.class, () -> Rows.single(url, "SELECT COUNT(*) FROM " + gone));
        }
    }

    /** V6: a version-5 store's tests are listed once per run in run_tests, and their history is read from there. */
    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void theTestsOfAVersion5StoreAreListedPerRunForTheirHistory(Backend b) {
        String url = b.newUrl();
        Migrations.configure(Dialect.of(url).dataSource(url)).target("5").load().migrate();
        for (int run = 1; run <= 2; run++) { // run-1 on 2 March, run-2 on 3 March
            oldRun(url, "run-" + run, "sim-model", run + 1);
            for (int seq = 0; seq < 4; seq++) { // T.a, T.b, T.a, T.b
                oldTest(url, "run-" + run, seq, seq % 2 == 0 ? "T.a" : "T.b", "sim-model", run + 1);
            }
        }
        try (ResultStore s = ResultStore.open(url)) {
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM run_tests"), 4, "two tests in each of two runs");
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM run_tests WHERE test_id = 'T.a' AND backend = 'sim'"
                    + " AND device_model = 'sim-model' AND started_ms = 1740909600000"), 1, "run-1's T.a, with the run's model and start");
            // Migrated results gain a latency (as if stored with one); the history finds them through run_tests.
            RunHeader header = s.run(AGENT, "run-2").orElseThrow().header();
            TestResult t = new TestResult(4, "smoke", "T.a", "sim", "sim", TestStatus.PASS, 5, "", List.of(),
                    List.of(HistogramSummary.of("fault_latency", SampleRun.latencies(1, 1_000, 100))), Map.of(), List.of(),
                    Map.of());
            assertTrue(s.ingest(AGENT, "run-2", header, t));
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM run_tests"), 4, "run-2's T.a was listed already");
            assertEquals(s.history("T.a", "fault_latency", "sim-model", "sim", 10).stream()
                    .map(p -> p.runId() + "#" + p.sequence()).toList(), List.of("run-2#4"));
        }
        assertEquals(Rows.text(url, "SELECT value FROM schema_meta WHERE name = 'store_version'"), "2");
    }

    /** A run written as SQL (its row and environment facts), started at 10:00 UTC on {@code day} March 2025. */
    private static void oldRun(String url, String runId, String model, int day) {
        Rows.execute(url, """
                INSERT INTO runs (agent, run_id, host, suite, device, backend, device_model, kernel_release,
                    rig_version, results_schema, started_at, started_ms, status)
                VALUES ('%s', '%s', 'rig-host-1', 'smoke', 'sim', 'sim', '%s', '6.15.0', '0.1.0', 1,
                    '2025-03-%02dT10:00:00Z', %d, 'running')""".formatted(AGENT, runId, model, day, startedMs(day)));
        EnvironmentFacts.of(SampleRun.environment()).forEach((name, value) -> Rows.execute(url,
                "INSERT INTO environment (agent, run_id, name, value) VALUES ('%s', '%s', '%s', '%s')"
                        .formatted(AGENT, runId, name, value)));
    }

    /** A tests row written as SQL, with V1's columns only, of a run from {@link #oldRun} started on {@code day}. */
    private static void oldTest(String url, String runId, int seq, String testId, String model, int day) {
        Rows.execute(url, """
                INSERT INTO tests (agent, run_id, sequence, suite, test_id, device, backend, device_model,
                    started_ms, status, duration_ms, message, timeline)
                VALUES ('%s', '%s', %d, 'smoke', '%s', 'sim', 'sim', '%s', %d, 'PASS', 5, NULL, '[]')"""
                .formatted(AGENT, runId, seq, testId, model, startedMs(day)));
    }

    /** 10:00 UTC on day {@code day} of March 2025. */
    private static long startedMs(int day) {
        return 1740823200000L + (day - 1) * 86_400_000L;
    }

    private static void counter(String url, long seq, String name, int ordinal, String value) {
        named(url, "counters", seq, name, ordinal, value);
    }

    private static void fact(String url, long seq, String name, int ordinal, String value) {
        named(url, "test_facts", seq, name, ordinal, value);
    }

    private static void named(String url, String table, long seq, String name, int ordinal, String valueSql) {
        Rows.execute(url, "INSERT INTO " + table + " (agent, run_id, sequence, name, ordinal, value) VALUES ('"
                + AGENT + "', '" + RUN + "', " + seq + ", '" + name + "', " + ordinal + ", " + valueSql + ")");
    }

    private static void assertEntries(Map<String, ?> map, List<String> keys, List<?> values) {
        assertEquals(new ArrayList<>(map.keySet()), keys);
        assertEquals(new ArrayList<>(map.values()), values);
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aSchemaNewerThanThisRigIsRefused(Backend b) throws IOException {
        String url = b.newUrl();
        Path newer = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "newer-migrations-");
        // V999: far past ours, so adding a migration of our own never collides with it.
        Files.writeString(newer.resolve("V999__from_the_future.sql"), "CREATE TABLE from_the_future (id TEXT PRIMARY KEY);\n");
        // A newer rig: our migrations plus one more.
        String plain = b.newUrl();
        assertEquals(Migrations.migrate(Dialect.of(url).dataSource(url), Migrations.LOCATION, "filesystem:" + newer),
                Migrations.migrate(Dialect.of(plain).dataSource(plain)) + 1);

        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultStore.open(url));
        assertTrue(e.getMessage().contains("newer than this vfio-rig knows") && e.getMessage().contains("V999"),
                e.getMessage());
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aStoreVersionNewerThanThisRigIsRefused(Backend b) {
        String url = b.newUrl();
        ResultStore.open(url).close();
        int newer = StoreVersion.CURRENT + 1;
        Rows.execute(url, "UPDATE schema_meta SET value = '" + newer + "' WHERE name = 'store_version'");
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultStore.open(url));
        assertTrue(e.getMessage().contains("version " + newer), e.getMessage());
    }
}
