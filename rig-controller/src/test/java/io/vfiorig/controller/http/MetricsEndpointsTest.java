package io.vfiorig.controller.http;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.metrics.HammerMetrics;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.agent.probe.Progress;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.fleet.AgentHello;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.fleet.FleetPlan;
import io.vfiorig.controller.fleet.RunOutcome;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.metrics.IngestMetrics;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoreBackends;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.testng.annotations.Test;

/**
 * Both {@code /metrics} endpoints, scraped over HTTP after real events, hold the documented
 * metrics with the right values and pass {@code promtool check metrics}.
 */
public class MetricsEndpointsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    public void controllerMetricsAreServedCorrectAndPassPromtool() throws Exception {
        String text = controllerScrape();
        assertTrue(text.contains("rig_agents_connected 1.0"), text);
        assertTrue(text.contains("rig_devices{state=\"healthy\"} 1.0"), text);
        assertTrue(text.contains("rig_devices{state=\"quarantined\"} 0.0"), text);
        assertTrue(text.contains("rig_runs_total{status=\"passed\"} 1.0"), text);
        assertTrue(text.contains("rig_invariant_violations_total{host=\"local\",invariant=\"no-access-while-revoked\",suite=\"smoke\"} 3.0"), text);
        // 1000 samples at 4 µs and 10 at 2 ms: the le="5e-06" bucket holds exactly the first 1000.
        assertTrue(text.contains("rig_fault_latency_seconds_bucket{backend=\"sim\",bar=\"0\",device=\"sim\",host=\"local\",kernel=\"6.13.0\",kind=\"fault\",suite=\"smoke\",le=\"5.0E-6\"} 1000"), text);
        assertTrue(text.contains("rig_fault_latency_seconds_count{backend=\"sim\",bar=\"0\",device=\"sim\",host=\"local\",kernel=\"6.13.0\",kind=\"fault\",suite=\"smoke\"} 1010"), text);
        assertTrue(text.contains("rig_revoke_to_sigbus_seconds_count{"), text);
        // 7 restores, every one back within 100 µs (5e-5 < 80 µs <= 1e-4).
        assertTrue(text.contains("rig_restore_to_success_seconds_bucket{backend=\"sim\",device=\"sim\",host=\"local\",kernel=\"6.13.0\",suite=\"smoke\",le=\"5.0E-5\"} 0"), text);
        assertTrue(text.contains("rig_restore_to_success_seconds_bucket{backend=\"sim\",device=\"sim\",host=\"local\",kernel=\"6.13.0\",suite=\"smoke\",le=\"1.0E-4\"} 7"), text);
        assertTrue(text.contains("rig_disruptions_total{device=\"sim\",disruptor=\"revoke-restore\",host=\"local\",suite=\"smoke\"} 7.0"), text);
        // No nightly history yet: every metric of every suite is a 0 series, not "no data".
        assertTrue(text.contains("rig_regressions_open{metric=\"fault_latency_p99\",suite=\"smoke\"} 0.0"), text);
        assertTrue(text.contains("rig_ingest_lag_seconds_bucket{le=\"0.05\"} 1"), text);
        assertTrue(text.contains("rig_results_ingested_total 1.0"), text);
        Promtool.run(text, "check", "metrics");
    }

    /**
     * A controller's {@code /metrics} over HTTP after real events: the local agent connects, its
     * health check stores a result (violations, fault and revoke latencies) and passes, and the
     * transport records one ingest.
     */
    static String controllerScrape() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ResultStore store = ResultStore.open(StoreBackends.SQLITE.newUrl());
                Fleet fleet = new Fleet(InventoryLoader.parse("""
                        version: 1
                        lab: metrics-lab
                        simulated:
                          - device: sim
                            suites: [smoke]
                        """, "metrics.yaml"), store, registry, Clock.systemUTC(), order -> true);
                ControllerHttp http = ControllerHttp.start(fleet, registry, new InetSocketAddress("127.0.0.1", 0))) {
            fleet.agentConnected(new AgentHello(FleetPlan.LOCAL_HOST, "6.13.0", "0.1.0", List.of()));
            String check = fleet.openOrders().getFirst().runId();
            fleet.resultStored(FleetPlan.LOCAL_HOST, check, result());
            fleet.runFinished(FleetPlan.LOCAL_HOST, check, new RunOutcome(RunOutcome.Kind.PASSED, ""));
            new IngestMetrics(registry).stored(Duration.ofMillis(30));
            return get(http.url() + "/metrics");
        }
    }

    @Test
    public void agentMetricsCountAcrossProbesAndPassPromtool() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HammerMetrics hammer = new HammerMetrics(registry);
        hammer.progress(new Progress("fault-hammer", 10, 1000, 5, 2, 0, 0));
        hammer.progress(new Progress("fault-hammer", 25, 3000, 9, 3, 1, 1));
        hammer.progress(new Progress("revoke", 4, 500, 1, 1, 0, 2)); // a new probe, counting from 0 again
        try (MetricsServer server = MetricsServer.startOnLoopback(registry, 0)) {
            String text = get(server.url());
            assertTrue(text.contains("rig_agent_accesses_total 3500.0"), text);
            assertTrue(text.contains("rig_agent_faults_total 29.0"), text);
            assertTrue(text.contains("rig_agent_sigbus_total 10.0"), text);
            assertTrue(text.contains("rig_agent_violations_total 1.0"), text);
            assertTrue(text.contains("rig_agent_probe_running 1.0"), text);
            Promtool.run(text, "check", "metrics");
        }
    }

    private static TestResult result() {
        Histogram fault = new Histogram(3);
        fault.recordValueWithCount(4_000, 1000);
        fault.recordValueWithCount(2_000_000, 10);
        Histogram revoke = new Histogram(3);
        revoke.recordValueWithCount(50_000, 20);
        Histogram restore = new Histogram(3);
        restore.recordValueWithCount(80_000, 7);
        return new TestResult(0, "smoke", "io.vfiorig.suites.RevokeTests.revokeWhileHammering", "sim", "sim",
                TestStatus.FAIL, 1000, "broke no-access-while-revoked",
                List.of(new InvariantOutcome("no-access-while-revoked", InvariantOutcome.Status.FAIL, 3, "3 reads", List.of())),
                List.of(HistogramSummary.of("fault_latency", fault), HistogramSummary.of("revoke_to_sigbus", revoke),
                        HistogramSummary.of("restore_to_success", restore)),
                Map.of("disruptions", 7L), List.of(), Map.of("disruptor", "revoke-restore"));
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.statusCode(), 200, r.body());
        return r.body();
    }
}
