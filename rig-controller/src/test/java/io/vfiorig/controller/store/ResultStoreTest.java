package io.vfiorig.controller.store;

import static io.vfiorig.controller.store.SampleRun.AGENT;
import static io.vfiorig.controller.store.SampleRun.FAULT_TEST;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.store.StoreBackends.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.testng.annotations.Test;

/** The store's contract, on SQLite and on a real PostgreSQL server alike. */
public class ResultStoreTest {
    private static final String RUN = "20250301T100000Z-ab12";
    private static final String STARTED = "2025-03-01T10:00:00Z";

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void migrationsCreateTheSchemaOnceAndReopeningRunsNone(Backend b) {
        String url = b.newUrl();
        try (ResultStore s = ResultStore.open(url)) {
            assertEquals(s.highestSequence(AGENT, RUN), -1);
        }
        Rows.counts(url).forEach((table, n) -> assertEquals((long) n, 0L, table + " of a fresh store"));
        assertEquals(Rows.text(url, "SELECT value FROM schema_meta WHERE name = 'store_version'"),
                String.valueOf(StoreVersion.CURRENT));
        long applied = Rows.single(url, "SELECT COUNT(*) FROM flyway_schema_history");
        assertEquals(Rows.single(url, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'"), 1);

        assertEquals(Migrations.migrate(Dialect.of(url).dataSource(url)), 0, "second migrate ran something");
        try (ResultStore s = ResultStore.open(url)) {
            assertTrue(s.run(RUN).isEmpty());
        }
        assertEquals(Rows.single(url, "SELECT COUNT(*) FROM flyway_schema_history"), applied);
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void runResultsAndTheLatestRunOfAnAgent(Backend b) {
        RunResults older = SampleRun.run("run-1", "2025-03-01T10:00:00Z");
        RunResults newer = SampleRun.run("run-2", "2025-03-02T10:00:00Z");
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertTrue(s.latestRunId(AGENT, null, null).isEmpty());
            for (RunResults r : List.of(newer, older)) { // stored out of order: start time decides
                s.ingestAll(AGENT, r.runId(), SampleRun.header(r), r.tests());
                s.finishRun(AGENT, r.runId(), SampleRun.header(r), RunEnd.of(r));
            }
            assertEquals(s.runResults(AGENT, "run-1").orElseThrow(), older);
            assertEquals(s.runResults("run-2").orElseThrow(), newer);
            assertTrue(s.runResults("other-agent", "run-1").isEmpty());
            assertEquals(s.latestRunId(AGENT, null, null).orElseThrow(), "run-2");
            assertEquals(s.latestRunId(AGENT, "smoke", SampleRun.DEVICE).orElseThrow(), "run-2");
            assertTrue(s.latestRunId(AGENT, "nightly", null).isEmpty());
            assertTrue(s.latestRunId(AGENT, null, "sim").isEmpty());
            assertTrue(s.latestRunId("other-agent", null, null).isEmpty());
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void ingestedRunReadsBackEqualToTheOriginal(Backend b) {
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            for (TestResult t : original.tests()) {
                assertTrue(s.ingest(AGENT, RUN, header, t), "first delivery of " + t.sequence());
            }
            assertEquals(s.run(RUN).orElseThrow().status(), StoredRun.RUNNING);
            assertTrue(s.finishRun(AGENT, RUN, header, RunEnd.of(original)));

            StoredRun run = s.run(RUN).orElseThrow();
            assertEquals(run.agent(), AGENT);
            assertEquals(run.header(), header);
            assertEquals(run.status(), "violations");
            assertEquals(run.toRunResults(s.tests(RUN)), original);
            assertEquals(s.run(AGENT, RUN).orElseThrow(), run);
            assertEquals(s.tests(AGENT, RUN), original.tests());
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void ingestAllStoresABatchAtOnce(Backend b) {
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = new RunHeader(1, "smoke", SampleRun.DEVICE, "sim", "sim", "0123456789abcdef0123",
                "qemu-2cpu", STARTED, SampleRun.environment());
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertEquals(s.ingestAll(AGENT, RUN, header, original.tests()), 4);
            assertEquals(s.ingestAll(AGENT, RUN, header, original.tests()), 0);
            assertEquals(s.tests(RUN), original.tests());
            assertEquals(s.run(RUN).orElseThrow().header(), header);
            assertFalse(s.run(RUN).orElseThrow().finished());
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aGroupOfManyRunsStoresEachNewResultOnceAndComparesTheRest(Backend b) {
        String url = b.newUrl();
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        int runs = GroupWriter.RUNS_PER_LOOKUP * 2 + 7; // stored results are looked up over three queries
        try (ResultStore s = ResultStore.open(url)) {
            for (int r = 0; r < runs; r += 2) { // every other run has sequence 0 and 1 stored already
                s.ingestAll(AGENT, "run-" + r, header, List.of(SampleRun.passed(0), SampleRun.failed(1)));
            }
            List<ResultStore.RunBatch> group = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                List<TestResult> results = List.of(SampleRun.passed(0), SampleRun.failed(1), SampleRun.skipped(2));
                group.add(new ResultStore.RunBatch(AGENT, "run-" + r, header,
                        results.stream().map(ResultStore::check).toList()));
            }
            // The same run twice in one group (an agent's old and new stream): its repeat is compared, not inserted.
            group.add(new ResultStore.RunBatch(AGENT, "run-1", header, List.of(ResultStore.check(SampleRun.skipped(2)))));
            int half = (runs + 1) / 2; // runs 0, 2, 4, ...: only sequence 2 is new
            assertEquals(s.ingestBatches(group), half + (runs - half) * 3, "new results only");
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM tests"), 3L * runs);
            assertEquals(s.tests("run-" + (runs - 1)), List.of(SampleRun.passed(0), SampleRun.failed(1),
                    SampleRun.skipped(2)));

            // One result that differs from what is stored refuses the whole group.
            TestResult changed = SampleRun.passed(1);
            List<ResultStore.RunBatch> bad = List.of(
                    new ResultStore.RunBatch(AGENT, "run-new", header, List.of(ResultStore.check(SampleRun.passed(0)))),
                    new ResultStore.RunBatch(AGENT, "run-3", header, List.of(ResultStore.check(changed))));
            expectThrows(ResultConflictException.class, () -> s.ingestBatches(bad));
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM tests"), 3L * runs);
            assertTrue(s.run("run-new").isEmpty(), "nothing of a refused group is stored");
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void awkwardTextAndNullsReadBackExactly(Backend b) {
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        List<String> messages = Arrays.asList(null, "", "\"", "a,b", "line\nbreak\r\n", "back\\slash \\N",
                "µ → 😀", "tab\tand \"quotes\", commas,\n", "\\.");
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            TestResult t = SampleRun.passed(i);
            Map<String, String> facts = new LinkedHashMap<>(t.facts());
            facts.put("odd \"key\",\n", messages.get(i));
            results.add(new TestResult(i, t.suite(), t.test(), t.device(), t.backend(), t.status(), t.durationMs(),
                    messages.get(i), t.invariants(), t.latencies(), t.counters(), t.timeline(), facts));
        }
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertEquals(s.ingestAll(AGENT, RUN, header, results), results.size());
            assertEquals(s.tests(RUN), results, "null stays null, the empty string stays empty, the rest byte for byte");
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void duplicateDeliveryReturnsFalseAndStoresNothingMore(Backend b) {
        String url = b.newUrl();
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        try (ResultStore s = ResultStore.open(url)) {
            original.tests().forEach(t -> s.ingest(AGENT, RUN, header, t));
            s.finishRun(AGENT, RUN, header, RunEnd.of(original));
            Map<String, Long> before = Rows.counts(url);
            assertEquals(before.get("tests"), 4L);
            assertEquals(before.get("infra_errors"), 2L);

            for (TestResult t : original.tests()) {
                assertFalse(s.ingest(AGENT, RUN, header, t), "replay of " + t.sequence());
            }
            assertFalse(s.finishRun(AGENT, RUN, header, RunEnd.of(original)));
            assertFalse(s.finishRun(AGENT, RUN, RunEnd.of(original)));
            assertEquals(Rows.counts(url), before);
            assertEquals(s.highestSequence(AGENT, RUN), 3);
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void conflictingDuplicateIsRefusedAndNamesBothVersions(Backend b) {
        String url = b.newUrl();
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        try (ResultStore s = ResultStore.open(url)) {
            original.tests().forEach(t -> s.ingest(AGENT, RUN, header, t));
            s.finishRun(AGENT, RUN, header, RunEnd.of(original));
            Map<String, Long> before = Rows.counts(url);

            TestResult failed = original.tests().get(1);
            TestResult nowPassing = new TestResult(1, failed.suite(), failed.test(), failed.device(), failed.backend(),
                    TestStatus.PASS, failed.durationMs(), failed.message(), failed.invariants(), failed.latencies(),
                    failed.counters(), failed.timeline(), failed.facts());
            ResultConflictException e = expectThrows(ResultConflictException.class,
                    () -> s.ingest(AGENT, RUN, header, nowPassing));
            assertTrue(e.getMessage().contains("agent " + AGENT + ", run " + RUN + ", sequence 1"), e.getMessage());
            assertTrue(e.getMessage().contains("status: stored=FAIL, received=PASS"), e.getMessage());

            HistogramSummary l = failed.latencies().get(0);
            TestResult otherP99 = withLatency(failed, new HistogramSummary(l.metric(), l.unit(), l.count(), l.min(),
                    l.p50(), l.p90(), l.p99() + 1, l.p999(), l.max(), l.mean(), l.hdr()));
            e = expectThrows(ResultConflictException.class, () -> s.ingest(AGENT, RUN, header, otherP99));
            assertTrue(e.getMessage().contains("latencies[0].p99: stored=" + l.p99() + ", received=" + (l.p99() + 1)),
                    e.getMessage());

            RunHeader nightly = new RunHeader(header.resultsSchema(), "nightly", header.device(), header.backend(),
                    header.deviceModel(), null, null, header.startedAt(), header.environment());
            e = expectThrows(ResultConflictException.class, () -> s.ingest(AGENT, RUN, nightly, failed));
            assertTrue(e.getMessage().contains("suite: stored=smoke, received=nightly"), e.getMessage());

            RunEnd otherEnd = new RunEnd(original.finishedAt(), "infrastructure-error", 2, List.of());
            e = expectThrows(ResultConflictException.class, () -> s.finishRun(AGENT, RUN, otherEnd));
            assertTrue(e.getMessage().contains("exitCode: stored=1, received=2"), e.getMessage());

            // A batch holding one conflict stores none of its results, new ones included.
            List<TestResult> batch = List.of(SampleRun.passed(4), nowPassing);
            expectThrows(ResultConflictException.class, () -> s.ingestAll(AGENT, RUN, header, batch));

            assertEquals(Rows.counts(url), before);
            assertEquals(s.tests(RUN), original.tests());
            assertEquals(s.run(RUN).orElseThrow().toRunResults(s.tests(RUN)), original);
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void malformedResultsAreRefusedBeforeAnythingIsStored(Backend b) {
        String url = b.newUrl();
        RunResults original = SampleRun.run(RUN, STARTED);
        RunHeader header = SampleRun.header(original);
        TestResult good = original.tests().get(0);
        HistogramSummary l = good.latencies().get(0);
        TestResult badBase64 = withLatency(good, new HistogramSummary(l.metric(), l.unit(), l.count(), l.min(),
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean(), "not*base64!"));
        TestResult noTestId = new TestResult(0, "smoke", null, "sim", "sim", TestStatus.PASS, 1, "", null, null, null,
                null, null);
        try (ResultStore s = ResultStore.open(url)) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                    () -> s.ingest(AGENT, RUN, header, badBase64));
            assertTrue(e.getMessage().contains("hdr of fault_latency is not base64"), e.getMessage());
            e = expectThrows(IllegalArgumentException.class, () -> s.ingest(AGENT, RUN, header, noTestId));
            assertTrue(e.getMessage().contains("test is missing"), e.getMessage());
            expectThrows(IllegalArgumentException.class, () -> s.ingest(" ", RUN, header, good));
            expectThrows(IllegalArgumentException.class, () -> new RunHeader(1, "smoke", "sim", "sim", "sim", null,
                    null, "yesterday", SampleRun.environment()));
        }
        Rows.counts(url).forEach((table, n) -> assertEquals((long) n, 0L, table));
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void nullListsAndMapsComeBackEmpty(Backend b) {
        TestResult sparse = new TestResult(0, "smoke", FAULT_TEST, "sim", "sim", TestStatus.SKIP, 0, null, null, null,
                null, null, null);
        RunHeader header = SampleRun.header(SampleRun.run(RUN, STARTED));
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertTrue(s.ingest(AGENT, RUN, header, sparse));
            assertFalse(s.ingest(AGENT, RUN, header, sparse), "a replay of the same sparse result is no conflict");
            assertEquals(s.tests(RUN), List.of(new TestResult(0, "smoke", FAULT_TEST, "sim", "sim", TestStatus.SKIP,
                    0, null, List.of(), List.of(), Map.of(), List.of(), Map.of())));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void countersAndFactsKeepTheirOrderAndNullsAndAConflictingValueIsRefused(Backend b) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("zeta", Long.MAX_VALUE);
        counters.put("alpha", null);
        counters.put("mid", -7L);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("thp", null);
        facts.put("note", "\"quoted\" <&> ü");
        TestResult t = new TestResult(0, "smoke", FAULT_TEST, "sim", "sim", TestStatus.PASS, 1, null, List.of(),
                List.of(), counters, List.of(), facts);
        RunHeader header = SampleRun.header(SampleRun.run(RUN, STARTED));
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertTrue(s.ingest(AGENT, RUN, header, t));
            TestResult back = s.tests(RUN).getFirst();
            assertEquals(back, t);
            assertEquals(new ArrayList<>(back.counters().keySet()), List.of("zeta", "alpha", "mid"));
            assertEquals(new ArrayList<>(back.counters().values()), Arrays.asList(Long.MAX_VALUE, null, -7L));
            assertEquals(new ArrayList<>(back.facts().keySet()), List.of("thp", "note"));
            assertFalse(s.ingest(AGENT, RUN, header, t), "a replay with the same counters and facts is no conflict");

            Map<String, Long> other = new LinkedHashMap<>(counters);
            other.put("alpha", 0L);
            TestResult changed = new TestResult(0, t.suite(), t.test(), t.device(), t.backend(), t.status(),
                    t.durationMs(), t.message(), t.invariants(), t.latencies(), other, t.timeline(), t.facts());
            ResultConflictException e = expectThrows(ResultConflictException.class,
                    () -> s.ingestAll(AGENT, RUN, header, List.of(changed)));
            assertTrue(e.getMessage().contains("counters: stored={zeta=" + Long.MAX_VALUE + ", alpha=null, mid=-7}"),
                    e.getMessage());
            assertEquals(s.tests(RUN), List.of(t));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void histogramFromTheStoreHasTheOriginalPercentiles(Backend b) {
        String url = b.newUrl();
        Histogram original = SampleRun.latencies(0, 2_000, 20_000); // what passed(0) records as fault_latency
        RunHeader header = SampleRun.header(SampleRun.run(RUN, STARTED));
        try (ResultStore s = ResultStore.open(url)) {
            s.ingest(AGENT, RUN, header, SampleRun.passed(0));
            HistogramSummary stored = s.tests(RUN).get(0).latencies().get(0);
            Histogram decoded = stored.decode();
            assertEquals(decoded.getValueAtPercentile(99), original.getValueAtPercentile(99));
            assertEquals(decoded.getValueAtPercentile(99.9), original.getValueAtPercentile(99.9));
            assertEquals(decoded.getTotalCount(), 20_000);
            assertEquals(decoded.getMaxValue(), original.getMaxValue());
            assertEquals(stored.p99(), original.getValueAtPercentile(99));
            // Stored as bytes, not as base64 text.
            assertEquals(Rows.single(url, "SELECT LENGTH(hdr) FROM latencies WHERE metric = 'fault_latency'"),
                    Base64.getDecoder().decode(stored.hdr()).length);
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void historyIsTheNewestPointsOldestFirstForLikeWithLike(Backend b) {
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            // Stored out of order; two starts in one second check that order is by instant, not text:
            // "…00.5Z" sorts before "…00Z" as a string but is later.
            String[] starts = {"2025-03-04T02:00:00Z", "2025-03-01T02:00:00Z", "2025-03-06T02:00:00.5Z",
                "2025-03-02T02:00:00Z", "2025-03-06T02:00:00Z", "2025-03-03T02:00:00Z"};
            for (int i = 0; i < starts.length; i++) {
                nightlyPoint(s, AGENT, "run-" + starts[i], starts[i], "sim", "sim", "smoke");
            }
            RunHeader vfioHeader = new RunHeader(1, "smoke", "vfio:0000:01:00.0", "vfio", "1b36:0005", "abc123",
                    "epyc-2s", "2025-03-07T02:00:00Z", SampleRun.environment());
            assertTrue(s.ingest("lab-host-2", "run-vfio", vfioHeader, fault(0, "smoke", "1b36:0005", "vfio")));
            nightlyPoint(s, AGENT, "run-nightly", "2025-03-08T02:00:00Z", "sim", "sim", "nightly");

            List<MetricPoint> last3 = s.history(FAULT_TEST, "fault_latency", "sim", "sim", 3);
            assertEquals(last3.stream().map(MetricPoint::runId).toList(),
                    List.of("run-2025-03-06T02:00:00Z", "run-2025-03-06T02:00:00.5Z", "run-nightly"));

            List<MetricPoint> smoke = s.history(HistoryQuery.of(FAULT_TEST, "fault_latency", "sim", "sim", 100)
                    .inSuite("smoke"));
            assertEquals(smoke.stream().map(MetricPoint::startedAt).toList(), List.of("2025-03-01T02:00:00Z",
                    "2025-03-02T02:00:00Z", "2025-03-03T02:00:00Z", "2025-03-04T02:00:00Z", "2025-03-06T02:00:00Z",
                    "2025-03-06T02:00:00.5Z"));
            for (MetricPoint p : smoke) {
                // Each run's median was set from its start day: each point carries its own run's histogram.
                int day = Integer.parseInt(p.startedAt().substring(8, 10));
                assertEquals(p.latency().decode().getValueAtPercentile(50),
                        SampleRun.latencies(day, 1_000L + day * 1_000L, 2_000).getValueAtPercentile(50));
                assertEquals(p.kernelRelease(), "6.15.0-rc3");
                assertEquals(p.status(), TestStatus.PASS);
            }

            List<MetricPoint> vfio = s.history(FAULT_TEST, "fault_latency", "1b36:0005", "vfio", 10);
            assertEquals(vfio.size(), 1);
            assertEquals(vfio.get(0).agent(), "lab-host-2");
            assertEquals(vfio.get(0).kernelCommit(), "abc123");
            assertEquals(s.history(HistoryQuery.of(FAULT_TEST, "fault_latency", "1b36:0005", "vfio", 10)
                    .onHostClass("epyc-2s").inSuite("smoke")), vfio);
            assertTrue(s.history(FAULT_TEST, "fault_latency", "1b36:0005", "sim", 10).isEmpty());
            assertEquals(s.history(FAULT_TEST, "revoke_to_sigbus", "sim", "sim", 100).size(), 7);
            assertTrue(s.history(FAULT_TEST, "no_such_metric", "sim", "sim", 100).isEmpty());
            assertTrue(s.history(HistoryQuery.of(FAULT_TEST, "fault_latency", "sim", "sim", 100)
                    .onHostClass("big-iron")).isEmpty());
        }
    }

    /**
     * Runs that repeat a test (a stress suite's invocations) and are stored in one group, as the
     * controller does: the history lists every repetition, newest run first and in sequence order
     * within a run, and a limit cuts inside a run; other tests of the same runs stay out.
     */
    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void historyListsEveryRepetitionOfATestInRunsStoredTogether(Backend b) {
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            List<ResultStore.RunBatch> group = new ArrayList<>();
            for (int day = 1; day <= 3; day++) {
                String startedAt = "2025-03-0" + day + "T02:00:00Z";
                RunHeader header = new RunHeader(1, "stress", "sim", "sim", "sim", null, null, startedAt,
                        SampleRun.environment());
                List<CheckedResult> results = new ArrayList<>();
                for (int seq = 0; seq < 6; seq++) { // fault, other, fault, other, ...
                    TestResult f = fault(day * 10 + seq, "stress", "sim", "sim");
                    results.add(ResultStore.check(seq % 2 == 0 ? withSequence(f, seq)
                            : new TestResult(seq, "stress", "io.vfiorig.suites.Other.m", "sim", "sim", TestStatus.PASS, 5, "",
                                    List.of(), f.latencies(), Map.of(), List.of(), Map.of())));
                }
                group.add(new ResultStore.RunBatch(AGENT, "run-" + day, header, results));
            }
            assertEquals(s.ingestBatches(group), 18);
            // Stored one by one too: a later result of a run already listed, and a new run.
            assertTrue(s.ingest(AGENT, "run-3", group.get(2).header(), withSequence(fault(36, "stress", "sim", "sim"), 6)));
            // A later group: a known run with a test it has and one it had not, and a new run.
            RunHeader day4 = new RunHeader(1, "stress", "sim", "sim", "sim", null, null, "2025-03-04T02:00:00Z",
                    SampleRun.environment());
            TestResult third = fault(27, "stress", "sim", "sim");
            third = new TestResult(7, "stress", "io.vfiorig.suites.Third.m", "sim", "sim", TestStatus.PASS, 5, "", List.of(),
                    third.latencies(), Map.of(), List.of(), Map.of());
            assertEquals(s.ingestBatches(List.of(
                    new ResultStore.RunBatch(AGENT, "run-2", group.get(1).header(),
                            List.of(ResultStore.check(withSequence(fault(26, "stress", "sim", "sim"), 6)),
                                    ResultStore.check(third))),
                    new ResultStore.RunBatch(AGENT, "run-4", day4,
                            List.of(ResultStore.check(withSequence(fault(40, "stress", "sim", "sim"), 0)))))), 3);
            assertEquals(s.history("io.vfiorig.suites.Third.m", "fault_latency", "sim", "sim", 100).stream()
                    .map(p -> p.runId() + "#" + p.sequence()).toList(), List.of("run-2#7"));

            List<MetricPoint> all = s.history(FAULT_TEST, "fault_latency", "sim", "sim", 100);
            assertEquals(all.stream().map(p -> p.runId() + "#" + p.sequence()).toList(), List.of("run-1#0", "run-1#2",
                    "run-1#4", "run-2#0", "run-2#2", "run-2#4", "run-2#6", "run-3#0", "run-3#2", "run-3#4", "run-3#6",
                    "run-4#0"));
            assertEquals(all.get(4).latency().decode().getValueAtPercentile(50),
                    SampleRun.latencies(22, 1_000L + 22 * 1_000L, 2_000).getValueAtPercentile(50), "each point its own result");
            List<MetricPoint> last5 = s.history(FAULT_TEST, "fault_latency", "sim", "sim", 5);
            assertEquals(last5.stream().map(p -> p.runId() + "#" + p.sequence()).toList(),
                    List.of("run-3#0", "run-3#2", "run-3#4", "run-3#6", "run-4#0"));
            assertEquals(s.history("io.vfiorig.suites.Other.m", "fault_latency", "sim", "sim", 100).size(), 9);
        }
    }

    private static TestResult withSequence(TestResult t, long seq) {
        return new TestResult(seq, t.suite(), t.test(), t.device(), t.backend(), t.status(), t.durationMs(), t.message(),
                t.invariants(), t.latencies(), t.counters(), t.timeline(), t.facts());
    }

    /** One run with one fault-hammer test whose fault latency median grows with its start day. */
    private static void nightlyPoint(ResultStore s, String agent, String runId, String startedAt, String model,
            String backend, String suite) {
        int day = Integer.parseInt(startedAt.substring(8, 10));
        RunHeader header = new RunHeader(1, suite, model, backend, model, null, null, startedAt,
                SampleRun.environment());
        assertTrue(s.ingest(agent, runId, header, fault(day, suite, model, backend)));
    }

    private static TestResult fault(int day, String suite, String device, String backend) {
        return new TestResult(0, suite, FAULT_TEST, device, backend, TestStatus.PASS, 1000, "", List.of(),
                List.of(HistogramSummary.of("fault_latency", SampleRun.latencies(day, 1_000L + day * 1_000L, 2_000)),
                        HistogramSummary.of("revoke_to_sigbus", SampleRun.latencies(day, 50_000, 100))),
                Map.of("faults", 512L), List.of(), Map.of());
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void sequencesSayWhatToAcknowledge(Backend b) {
        RunHeader header = SampleRun.header(SampleRun.run(RUN, STARTED));
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertEquals(s.highestSequence(AGENT, RUN), -1);
            assertEquals(s.contiguousSequence(AGENT, RUN), -1);
            for (long seq : new long[] {0, 1, 2, 5}) {
                s.ingest(AGENT, RUN, header, SampleRun.skipped(seq));
            }
            assertEquals(s.highestSequence(AGENT, RUN), 5);
            assertEquals(s.contiguousSequence(AGENT, RUN), 2, "3 and 4 are missing");
            s.ingest(AGENT, RUN, header, SampleRun.skipped(4));
            s.ingest(AGENT, RUN, header, SampleRun.skipped(3));
            assertEquals(s.contiguousSequence(AGENT, RUN), 5);

            s.ingest(AGENT, "other-run", header, SampleRun.skipped(1));
            assertEquals(s.highestSequence(AGENT, "other-run"), 1);
            assertEquals(s.contiguousSequence(AGENT, "other-run"), -1, "0 is missing");
            assertEquals(s.highestSequence("lab-host-2", RUN), -1, "keys include the agent");
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void runIdsAreOnlyUniquePerAgent(Backend b) {
        RunHeader header = SampleRun.header(SampleRun.run(RUN, STARTED));
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            assertTrue(s.ingest(AGENT, RUN, header, SampleRun.passed(0)));
            assertTrue(s.ingest("lab-host-2", RUN, header, SampleRun.skipped(0)), "same run id, other agent");
            IllegalStateException e = expectThrows(IllegalStateException.class, () -> s.run(RUN));
            assertTrue(e.getMessage().contains("lab-host-1") && e.getMessage().contains("lab-host-2"), e.getMessage());
            expectThrows(IllegalStateException.class, () -> s.tests(RUN));
            assertEquals(s.tests("lab-host-2", RUN), List.of(SampleRun.skipped(0)));
            assertEquals(s.tests(AGENT, RUN), List.of(SampleRun.passed(0)));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aRunThatDiedBeforeItsFirstTestCanStillBeFinished(Backend b) {
        RunResults crashed = SampleRun.run("run-crashed", STARTED);
        RunResults noTests = new RunResults(crashed.schemaVersion(), crashed.runId(), crashed.suite(),
                crashed.device(), crashed.startedAt(), crashed.finishedAt(), "infrastructure-error", 2,
                crashed.environment(), List.of(), crashed.infrastructureErrors());
        try (ResultStore s = ResultStore.open(b.newUrl())) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                    () -> s.finishRun(AGENT, "run-crashed", RunEnd.of(noTests)));
            assertTrue(e.getMessage().contains("no such run"), e.getMessage());
            assertTrue(s.finishRun(AGENT, "run-crashed", SampleRun.header(noTests), RunEnd.of(noTests)));
            StoredRun run = s.run("run-crashed").orElseThrow();
            assertEquals(run.toRunResults(s.tests("run-crashed")), noTests);
            assertEquals(new ArrayList<>(run.end().infraErrors()), crashed.infrastructureErrors());
        }
    }

    private static TestResult withLatency(TestResult t, HistogramSummary l) {
        return new TestResult(t.sequence(), t.suite(), t.test(), t.device(), t.backend(), t.status(), t.durationMs(),
                t.message(), t.invariants(), List.of(l), t.counters(), t.timeline(), t.facts());
    }
}
