package io.vfiorig.controller.regress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.compare.SyntheticRuns;
import io.vfiorig.controller.fleet.TestClock;
import io.vfiorig.controller.inventory.Thresholds;
import io.vfiorig.controller.metrics.RegressionMetrics;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.controller.store.RunHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.testng.annotations.Test;

/** {@code rig regressions} over a nightly history in a real SQLite store. */
public class RegressionFinderTest {

    /** Stores one nightly run per scale, night i testing kernel 7.3.i. */
    private static ResultStore nightly(double... scales) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "store-tests"));
        ResultStore store = ResultStore.open("jdbc:sqlite:" + Files.createTempFile(dir, "regress", ".db"));
        for (int i = 0; i < scales.length; i++) {
            String kernel = "7.3." + i;
            RunResults r = SyntheticRuns.run("night-" + i, kernel, 1000 + i, scales[i], 5000, false);
            String started = Instant.parse("2026-10-01T01:00:00Z").plusSeconds(86_400L * i).toString();
            RunHeader h = new RunHeader(1, "nightly", "sim", "sim", "sim", "c0ffee" + i, null, started, r.environment());
            store.ingestAll("agent-1", r.runId(), h, r.tests());
            store.finishRun("agent-1", r.runId(), new RunEnd(started, "passed", 0, List.of()));
        }
        return store;
    }

    private static double[] scales(int n, int at, double after, int fixedAt) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (i >= at && i < fixedAt ? after : 1.0) * (1 + 0.05 * Math.sin(i * 1.7)); // a little night-to-night drift
        }
        return s;
    }

    @Test
    public void aSlowdownOpensARegressionWithLastGoodAndFirstBadKernel() throws Exception {
        try (ResultStore store = nightly(scales(20, 12, 1.5, 99))) {
            List<Regression> found = new RegressionFinder(Thresholds.DEFAULT).find(store);
            Regression p99 = found.stream().filter(r -> r.metric().equals("fault_latency p99")).findFirst().orElseThrow();
            assertTrue(p99.open());
            assertEquals(p99.lastGood().kernelRelease(), "7.3.11");
            assertEquals(p99.firstBad().kernelRelease(), "7.3.12");
            assertEquals(p99.firstBad().kernelCommit(), "c0ffee12");
            assertEquals(p99.relativeShift(), 0.5, 0.1);
            assertNull(p99.fixedBy());
            assertTrue(RegressionTable.render(found, true).contains("7.3.12"));
        }
    }

    /** rig_regressions_open counts the open ones by metric and suite, and recounts only every few minutes. */
    @Test
    public void openRegressionsAreAGaugeByMetricAndSuite() throws Exception {
        try (ResultStore store = nightly(scales(20, 12, 1.5, 99))) {
            List<Regression> p99 = new RegressionFinder(Thresholds.DEFAULT).find(store).stream()
                    .filter(r -> r.open() && r.metric().equals("fault_latency p99")).toList();
            assertFalse(p99.isEmpty());
            String suite = p99.getFirst().suite();
            long open = p99.stream().filter(r -> r.suite().equals(suite)).count();
            TestClock clock = new TestClock(Instant.EPOCH);
            RegressionMetrics metrics = new RegressionMetrics(store, new RegressionFinder(Thresholds.DEFAULT),
                    List.of(suite, "soak"), clock);
            assertEquals(value(metrics, "fault_latency_p99", suite), (double) open);
            assertEquals(value(metrics, "fault_latency_p99", "soak"), 0.0, "a series from the start");
            assertEquals(value(metrics, "restore_to_success_p50", "soak"), 0.0);

            store.close(); // a recount now would fail: the cached count is served
            clock.advance(Duration.ofMinutes(4));
            assertEquals(value(metrics, "fault_latency_p99", suite), (double) open);
        }
    }

    private static double value(RegressionMetrics m, String metric, String suite) {
        var gauge = (io.prometheus.metrics.model.snapshots.GaugeSnapshot) m.collect().get(0);
        return gauge.getDataPoints().stream()
                .filter(d -> metric.equals(d.getLabels().get("metric")) && suite.equals(d.getLabels().get("suite")))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + metric + "/" + suite)).getValue();
    }

    @Test
    public void aRegressionClosesWhenALaterRunIsGoodAgain() throws Exception {
        try (ResultStore store = nightly(scales(24, 8, 1.5, 16))) {
            Regression p50 = new RegressionFinder(Thresholds.DEFAULT).find(store).stream()
                    .filter(r -> r.metric().equals("fault_latency p50")).findFirst().orElseThrow();
            assertFalse(p50.open());
            assertEquals(p50.firstBad().kernelRelease(), "7.3.8");
            assertEquals(p50.fixedBy().kernelRelease(), "7.3.16");
        }
    }

    @Test
    public void aSteadyHistoryHasNoRegression() throws Exception {
        try (ResultStore store = nightly(scales(15, 99, 1.0, 99))) {
            assertEquals(new RegressionFinder(Thresholds.DEFAULT).find(store), List.of());
        }
    }
}
