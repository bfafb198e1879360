package io.vfiorig.controller.http;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoreBackends;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.testng.annotations.Test;

/** The admin API's refusals: clear JSON errors with the right status, nothing changed. */
public class ControllerHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    public void badRequestsGetAClearErrorAndChangeNothing() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ResultStore store = ResultStore.open(StoreBackends.SQLITE.newUrl());
                Fleet fleet = new Fleet(InventoryLoader.parse("""
                        version: 1
                        lab: api-lab
                        simulated:
                          - device: sim
                            suites: [smoke]
                        """, "api.yaml"), store, registry, Clock.systemUTC(), order -> true);
                ControllerHttp http = ControllerHttp.start(fleet, registry, new InetSocketAddress("127.0.0.1", 0))) {
            String u = http.url();
            assertReply(post(u + "/api/submit", "{\"suite\": \"smoke\""), 400, "the request body is not the JSON expected");
            assertReply(post(u + "/api/submit", "{\"suite\": \"smoke\"}"), 400, "submit needs \\\"suite\\\" and \\\"host\\\"");
            assertReply(post(u + "/api/submit", "{\"suite\": \"weekly\", \"host\": \"local\"}"), 400, "unknown suite 'weekly'");
            assertReply(post(u + "/api/submit", "{\"suite\": \"smoke\", \"host\": \"local\", \"colour\": 1}"), 400,
                    "not the JSON expected");
            assertReply(post(u + "/api/leases/lease-nope/release", ""), 404, "no active lease lease-nope");
            assertReply(post(u + "/api/devices/sim/unquarantine", ""), 400, "missing query parameter host=");
            assertReply(post(u + "/api/devices/sim/unquarantine?host=local", ""), 400, "is unknown, not quarantined");
            assertReply(post(u + "/api/devices/nope/unquarantine?host=local", ""), 404, "has no device 'nope'");
            assertReply(HTTP.send(HttpRequest.newBuilder(URI.create(u + "/api/submit")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()), 405, "use POST here, not GET");
            assertReply(HTTP.send(HttpRequest.newBuilder(URI.create(u + "/api/nothing")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()), 404, "no such API: /api/nothing");
            assertTrue(fleet.openOrders().isEmpty(), "nothing was queued");

            IllegalArgumentException remote = expectThrows(IllegalArgumentException.class,
                    () -> ControllerHttp.start(fleet, registry, new InetSocketAddress("0.0.0.0", 0)));
            assertTrue(remote.getMessage().contains("loopback only"), remote.getMessage());
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertReply(HttpResponse<String> r, int status, String errorPart) {
        assertEquals(r.statusCode(), status, r.body());
        assertTrue(r.body().startsWith("{\"error\":") && r.body().contains(errorPart), r.body());
    }
}
