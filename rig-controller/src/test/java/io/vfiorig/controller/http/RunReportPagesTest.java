package io.vfiorig.controller.http;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.controller.store.SampleRun;
import io.vfiorig.controller.store.StoreBackends;
import io.vfiorig.reports.run.RunReport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.testng.annotations.Test;

/**
 * The report pages dashboards link to, over real HTTP from a controller whose store holds two runs:
 * a run's page is the report {@code rig report --store} renders, {@code latest} redirects to the
 * newest matching run, and unknown runs or pages get a clear 404.
 */
public class RunReportPagesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // does not follow redirects

    @Test
    public void servesStoredRunsReportsAndRedirectsLatest() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ResultStore store = ResultStore.open(StoreBackends.SQLITE.newUrl());
                Fleet fleet = new Fleet(InventoryLoader.parse("version: 1\nlab: reports-lab\nsimulated: [{device: sim}]\n",
                        "reports.yaml"), store, registry, Clock.systemUTC(), order -> true);
                ControllerHttp http = ControllerHttp.start(fleet, registry, new InetSocketAddress("127.0.0.1", 0))) {
            RunResults older = SampleRun.run("run-older", "2025-03-01T10:00:00Z");
            RunResults newer = SampleRun.run("run-newer", "2025-03-02T10:00:00Z");
            for (RunResults r : new RunResults[] {older, newer}) {
                store.ingestAll(SampleRun.AGENT, r.runId(), SampleRun.header(r), r.tests());
                store.finishRun(SampleRun.AGENT, r.runId(), SampleRun.header(r), RunEnd.of(r));
            }
            String u = http.url();

            HttpResponse<String> page = get(u + "/runs/" + SampleRun.AGENT + "/run-older/report.html");
            assertEquals(page.statusCode(), 200, page.body());
            assertEquals(page.headers().firstValue("Content-Type").orElse(""), "text/html; charset=utf-8");
            assertEquals(page.body(), RunReport.render(store.runResults(SampleRun.AGENT, "run-older").orElseThrow()));
            assertTrue(page.body().contains("io.vfiorig.suites.RevokeTests.revokeWhileHammering"), "the run's tests are in it");

            HttpResponse<String> latest = get(u + "/runs/" + SampleRun.AGENT + "/latest/report.html?suite=smoke&device="
                    + java.net.URLEncoder.encode(SampleRun.DEVICE, "UTF-8"));
            assertEquals(latest.statusCode(), 302, latest.body());
            assertEquals(latest.headers().firstValue("Location").orElse(""), "/runs/" + SampleRun.AGENT + "/run-newer/report.html");
            HttpResponse<String> any = get(u + "/runs/" + SampleRun.AGENT + "/latest/report.html?suite=.*&device=All");
            assertEquals(any.headers().firstValue("Location").orElse(""), "/runs/" + SampleRun.AGENT + "/run-newer/report.html",
                    "Grafana's All values filter nothing");

            assertReply(get(u + "/runs/" + SampleRun.AGENT + "/latest/report.html?suite=nightly"), 404,
                    "no run of host 'lab-host-1', suite 'nightly' in the store");
            assertReply(get(u + "/runs/" + SampleRun.AGENT + "/run-nope/report.html"), 404,
                    "no run 'run-nope' of host 'lab-host-1'");
            assertReply(get(u + "/runs/other-host/run-older/report.html"), 404, "no run 'run-older' of host 'other-host'");
            assertReply(get(u + "/runs/whatever"), 404, "reports are at /runs/HOST/RUN_ID/report.html");
            assertReply(HTTP.send(HttpRequest.newBuilder(URI.create(u + "/runs/a/b/report.html"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()), 405, "use GET");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertReply(HttpResponse<String> r, int status, String contains) {
        assertEquals(r.statusCode(), status, r.body());
        assertTrue(r.body().contains(contains), r.body());
    }
}
