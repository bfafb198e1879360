package io.vfiorig.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A {@code /metrics} endpoint in Prometheus text format on the JDK's HTTP server: the agent's
 * own, and the handler the controller's {@code ControllerHttp} mounts too. Binds to loopback
 * unless given another address: metrics say what a lab runs, so exposing them is a choice.
 */
public final class MetricsServer implements AutoCloseable {
    /** Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves {@code registry} at {@code /metrics}.
     *
     * @param port 0 for any free port
     * @throws UncheckedIOException naming the address if it cannot bind (in use, not local)
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, InetAddress address, int port) {
        HttpServer s = bind(address, port);
        s.createContext("/metrics", handler(registry));
        s.start();
        return new MetricsServer(s);
    }

    /** Starts on loopback. */
    public static MetricsServer startOnLoopback(PrometheusMeterRegistry registry, int port) {
        return start(registry, InetAddress.getLoopbackAddress(), port);
    }

    /** An HTTP server bound to {@code address:port}, not started. */
    public static HttpServer bind(InetAddress address, int port) {
        try {
            return HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage()
                    + " (choose another port, or 0 for any free one)", e);
        }
    }

    /** The {@code /metrics} handler: GET only, the registry's scrape in text format. */
    public static HttpHandler handler(PrometheusMeterRegistry registry) {
        return exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET")) {
                    reply(exchange, 405, "text/plain; charset=utf-8", "use GET /metrics\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                reply(exchange, 200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Sends a whole response: status, content type, body. */
    public static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port it listens on (useful after asking for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
