package io.vfiorig.controller.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.controller.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's HTTP side: {@code /metrics} (Prometheus text format) and the JSON admin API
 * the {@code rig} CLI uses (docs/fleet.md, "Admin API"):
 * <ul>
 *   <li>{@code GET /api/devices}: devices with state, reason, lease; and the active leases</li>
 *   <li>{@code POST /api/submit} {@code {"suite":S,"host":H,"device":D?}}: queued run ids</li>
 *   <li>{@code POST /api/leases/{id}/release}</li>
 *   <li>{@code POST /api/devices/{device}/unquarantine?host=H}</li>
 * </ul>
 * and the runs' HTML reports the dashboards link to ({@link RunReportPages}, {@code /runs/...}).
 * Errors are {@code {"error": "..."}} with 400 (bad request), 404 (no such thing) or 405. The API
 * has no authentication, so it listens on loopback only; scrape from elsewhere through a
 * separate {@link MetricsServer} or a proxy.
 */
public final class ControllerHttp implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern RELEASE = Pattern.compile("/api/leases/([^/]+)/release");
    private static final Pattern UNQUARANTINE = Pattern.compile("/api/devices/([^/]+)/unquarantine");

    private final HttpServer server;
    private final Fleet fleet;
    private final ObjectMapper json = new ObjectMapper();

    private ControllerHttp(HttpServer server, Fleet fleet) {
        this.server = server;
        this.fleet = fleet;
    }

    /**
     * Starts serving.
     *
     * @param address a loopback address and port (port 0: any free one)
     * @throws IllegalArgumentException if the address is not loopback
     */
    public static ControllerHttp start(Fleet fleet, PrometheusMeterRegistry registry, InetSocketAddress address) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the controller's admin API has no authentication and listens on loopback only, not "
                    + address.getAddress().getHostAddress() + ": use 127.0.0.1, and let Prometheus scrape through a proxy");
        }
        HttpServer s = MetricsServer.bind(address.getAddress(), address.getPort());
        ControllerHttp http = new ControllerHttp(s, fleet);
        s.createContext("/metrics", MetricsServer.handler(registry));
        s.createContext("/api/", http::api);
        s.createContext("/runs/", new RunReportPages(fleet.store())::handle);
        s.start();
        return http;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9464}: what {@code rig devices --controller} takes. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Matcher release = RELEASE.matcher(path);
            Matcher unquarantine = UNQUARANTINE.matcher(path);
            try {
                if (path.equals("/api/devices")) {
                    expect(method, "GET");
                    send(ex, 200, Map.of("devices", fleet.devices(), "leases", fleet.leases()));
                } else if (path.equals("/api/submit")) {
                    expect(method, "POST");
                    SubmitRequest r = json.readValue(body(ex), SubmitRequest.class);
                    if (r.suite() == null || r.host() == null) {
                        throw new IllegalArgumentException("submit needs \"suite\" and \"host\" (and optionally \"device\")");
                    }
                    send(ex, 200, Map.of("runs", fleet.submit(r.suite(), r.host(), r.device())));
                } else if (release.matches()) {
                    expect(method, "POST");
                    String id = decode(release.group(1));
                    fleet.release(id);
                    send(ex, 200, Map.of("released", id));
                } else if (unquarantine.matches()) {
                    expect(method, "POST");
                    String host = query(ex, "host");
                    String device = decode(unquarantine.group(1));
                    fleet.unquarantine(host, device);
                    send(ex, 200, Map.of("unquarantined", device, "host", host));
                } else {
                    send(ex, 404, error("no such API: " + path + " (see docs/fleet.md, Admin API)"));
                }
            } catch (MethodNotAllowed e) {
                send(ex, 405, error(e.getMessage()));
            } catch (NoSuchElementException e) {
                send(ex, 404, error(e.getMessage()));
            } catch (JacksonException e) {
                send(ex, 400, error("the request body is not the JSON expected: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                send(ex, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                send(ex, 500, error("the controller failed: " + e));
            }
        }
    }

    record SubmitRequest(String suite, String host, String device) {}

    private static final class MethodNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed(String message) {
            super(message);
        }
    }

    private static void expect(String method, String wanted) {
        if (!method.equals(wanted)) {
            throw new MethodNotAllowed("use " + wanted + " here, not " + method);
        }
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IllegalArgumentException("the request body is larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && decode(kv.substring(0, eq)).equals(name)) {
                    return decode(kv.substring(eq + 1));
                }
            }
        }
        throw new IllegalArgumentException("missing query parameter " + name + "= (e.g. ?" + name + "=lab-host-01)");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> error(String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        MetricsServer.reply(ex, status, "application/json", json.writeValueAsBytes(body));
    }
}
