package io.vfiorig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The controller's admin API (ControllerHttp, docs/fleet.md) as the operator commands use it. */
final class ControllerClient {
    /** Where {@code rig controller} serves its admin API unless told otherwise. */
    static final String DEFAULT_URL = "http://127.0.0.1:9464";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    ControllerClient(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new Failure("--controller must be a URL like " + DEFAULT_URL + ", got '" + url + "'");
        }
        this.base = u;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new Failure("cannot encode the request: " + e.getMessage());
        }
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        try {
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new Failure("--controller " + base + " is not a valid URL: " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new Failure("cannot reach the controller at " + base + " (connection refused): start it with rig controller,"
                    + " or point --controller at where it runs");
        } catch (HttpTimeoutException e) {
            throw new Failure("the controller at " + base + " did not answer in time: check that it is running and reachable");
        } catch (IOException e) {
            throw new Failure("cannot talk to the controller at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for the controller");
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (IOException e) {
            throw new Failure(base + " answered HTTP " + r.statusCode() + " with something that is not the controller's JSON:"
                    + " is --controller the rig controller's admin address?");
        }
        if (r.statusCode() != 200) {
            throw new Failure(body.path("error").asText("HTTP " + r.statusCode()));
        }
        return body;
    }

    /** A refusal or an unreachable controller: one line for the operator, exit code 2. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
