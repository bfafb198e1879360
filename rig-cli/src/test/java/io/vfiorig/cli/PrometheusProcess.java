package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vfiorig.agent.vm.HostTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;

/**
 * A real Prometheus (Debian's package {@code prometheus}, installed by .ci/run) on 127.0.0.1 with a
 * free port and a temporary storage directory, and its {@code promtool}. Missing on a developer
 * machine: the test is skipped with the install command; missing in CI ({@code CI=true}): it fails.
 */
final class PrometheusProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    private final Path log;

    private PrometheusProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The binary {@code name} on PATH, or skip (fail in CI) saying how to install it. */
    static Path binary(String name) {
        Optional<Path> found = HostTools.which(name);
        if (found.isPresent()) {
            return found.get();
        }
        String why = name + " not found on PATH: apt-get install prometheus (Debian) provides it";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; CI must install it (.ci/run)");
        }
        throw new SkipException(why);
    }

    /** Runs {@code promtool ARGS}; asserts exit 0 and returns what it said. */
    static String promtool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary("promtool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool " + args[0] + " did not finish in 60 s");
        }
        assertEquals(p.exitValue(), 0, "promtool " + String.join(" ", args) + " said:\n" + out);
        return out;
    }

    /** Starts Prometheus on {@code config} with its data in {@code dir}; returns once it is ready. */
    static PrometheusProcess start(Path config, Path dir) throws Exception {
        Path binary = binary("prometheus");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(p, "http://127.0.0.1:" + port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!p.isAlive()) {
                fail("prometheus exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return prometheus;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                prometheus.close();
                fail("prometheus was not ready in 30 s:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** An instant query: Prometheus' {@code data} ({@code resultType}, {@code result}); fails on an error answer. */
    JsonNode query(String promql) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** GET {@code path} of the HTTP API: the answer's {@code data}, or an {@link IllegalStateException} with Prometheus' error. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!body.path("status").asText().equals("success")) {
            throw new IllegalStateException(body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
