package io.vfiorig.controller.store;

import static org.testng.Assert.assertEquals;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.store.StoreBackends.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * Eight agents stream 500 results each at once; each thread also replays a slice of its
 * neighbour's stream while the neighbour is still sending it, so duplicates race first deliveries.
 */
public class ConcurrentIngestTest {
    private static final int THREADS = 8;
    private static final int RUNS_PER_AGENT = 5;
    private static final int RESULTS_PER_RUN = 100;

    // One histogram for all: the point is the rows, not the encoding cost.
    private static final HistogramSummary LATENCY = HistogramSummary.of("fault_latency",
            SampleRun.latencies(7, 2_000, 1_000));

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class, timeOut = 300_000)
    public void eightThreadsLoseNothingAndDuplicateNothing(Backend b) throws Exception {
        String url = b.newUrl();
        try (ResultStore store = ResultStore.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<Integer>> stored = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    int self = t;
                    stored.add(pool.submit(() -> {
                        start.await();
                        return stream(store, self);
                    }));
                }
                int newlyStored = 0;
                for (Future<Integer> f : stored) {
                    newlyStored += f.get(240, TimeUnit.SECONDS);
                }
                assertEquals(newlyStored, THREADS * RUNS_PER_AGENT * RESULTS_PER_RUN,
                        "true returned once per distinct result, whoever delivered it first");
            } finally {
                pool.shutdownNow();
            }

            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM tests"), THREADS * RUNS_PER_AGENT * RESULTS_PER_RUN);
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM latencies"), THREADS * RUNS_PER_AGENT * RESULTS_PER_RUN);
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM tests WHERE counters <> '{}'"), THREADS * RUNS_PER_AGENT * RESULTS_PER_RUN);
            assertEquals(Rows.single(url, "SELECT COUNT(*) FROM runs"), THREADS * RUNS_PER_AGENT);
            for (int a = 0; a < THREADS; a++) {
                for (int r = 0; r < RUNS_PER_AGENT; r++) {
                    String agent = agent(a);
                    String run = run(r);
                    assertEquals(store.contiguousSequence(agent, run), RESULTS_PER_RUN - 1, agent + "/" + run);
                    List<TestResult> back = store.tests(agent, run);
                    assertEquals(back.size(), RESULTS_PER_RUN);
                    for (int seq = 0; seq < RESULTS_PER_RUN; seq++) {
                        assertEquals(back.get(seq), result(a, r, seq));
                    }
                }
            }
        }
    }

    /** Sends this agent's stream, replaying every fifth result of the neighbour's on the way. */
    private static int stream(ResultStore store, int self) {
        int neighbour = (self + 1) % THREADS;
        int newlyStored = 0;
        for (int r = 0; r < RUNS_PER_AGENT; r++) {
            for (int seq = 0; seq < RESULTS_PER_RUN; seq++) {
                newlyStored += store.ingest(agent(self), run(r), header(r), result(self, r, seq)) ? 1 : 0;
                if (seq % 5 == 0) {
                    newlyStored += store.ingest(agent(neighbour), run(r), header(r), result(neighbour, r, seq)) ? 1 : 0;
                }
            }
        }
        return newlyStored;
    }

    private static String agent(int a) {
        return "agent-" + a;
    }

    /** Run ids repeat across agents on purpose: the key is (agent, run, sequence). */
    private static String run(int r) {
        return "20250301T02000" + r + "Z-0001";
    }

    private static RunHeader header(int r) {
        return new RunHeader(1, "nightly", "sim", "sim", "sim", null, null, "2025-03-01T02:00:0" + r + "Z",
                SampleRun.environment());
    }

    private static TestResult result(int agent, int run, int seq) {
        return new TestResult(seq, "nightly", SampleRun.FAULT_TEST, "sim", "sim", TestStatus.PASS, seq,
                "agent " + agent + " run " + run,
                List.of(new InvariantOutcome("no-access-while-revoked", InvariantOutcome.Status.PASS, 0, "ok",
                        List.of())),
                List.of(LATENCY), Map.of("accesses", (long) seq * agent, "faults", 512L), List.of(), Map.of());
    }
}
