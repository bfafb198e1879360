package io.vfiorig.controller.http;

import com.sun.net.httpserver.HttpExchange;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.reports.run.RunReport;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML reports dashboards link to, rendered from the result store with {@link RunReport} (the
 * page {@code rig report --store} writes):
 * <ul>
 *   <li>{@code GET /runs/{host}/{runId}/report.html}: that run of that host's agent</li>
 *   <li>{@code GET /runs/{host}/latest/report.html?suite=S&device=D}: a redirect to the host's
 *       newest run, of suite S and device D when given (a panel's series knows its host, device and
 *       suite, not the run)</li>
 * </ul>
 * Empty filters and Grafana's "All" values ({@code .*}, {@code All}, {@code $__all}) filter nothing.
 */
final class RunReportPages {
    private static final Pattern REPORT = Pattern.compile("/runs/([^/]+)/([^/]+)/report\\.html");
    private static final String LATEST = "latest";
    private static final Set<String> ANY = Set.of("", ".*", "All", "$__all");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ResultStore store;

    RunReportPages(ResultStore store) {
        this.store = store;
    }

    /** The path of a run's report, as served here. */
    static String path(String host, String runId) {
        return "/runs/" + encode(host) + "/" + encode(runId) + "/report.html";
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                reply(ex, 405, "use GET for reports, not " + ex.getRequestMethod());
                return;
            }
            Matcher m = REPORT.matcher(ex.getRequestURI().getRawPath());
            if (!m.matches()) {
                reply(ex, 404, "no such page: " + ex.getRequestURI().getRawPath()
                        + " (reports are at /runs/HOST/RUN_ID/report.html or /runs/HOST/latest/report.html?suite=S&device=D)");
                return;
            }
            String host = decode(m.group(1));
            String runId = decode(m.group(2));
            try {
                if (runId.equals(LATEST)) {
                    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                    String suite = filter(q.get("suite"));
                    String device = filter(q.get("device"));
                    var latest = store.latestRunId(host, suite, device);
                    if (latest.isEmpty()) {
                        reply(ex, 404, "no run of host '" + host + "'" + (suite == null ? "" : ", suite '" + suite + "'")
                                + (device == null ? "" : ", device '" + device + "'")
                                + " in the store: check the names, or run one with rig submit");
                        return;
                    }
                    String to = path(host, latest.get());
                    ex.getResponseHeaders().set("Location", to);
                    reply(ex, 302, "the newest matching run: " + to);
                    return;
                }
                var run = store.runResults(host, runId);
                if (run.isEmpty()) {
                    reply(ex, 404, "no run '" + runId + "' of host '" + host + "' in the store");
                    return;
                }
                MetricsServer.reply(ex, 200, HTML, RunReport.render(run.get()).getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                reply(ex, 500, "the controller could not render the report: " + e);
            }
        }
    }

    private static String filter(String value) {
        return value == null || ANY.contains(value) ? null : value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static void reply(HttpExchange ex, int status, String message) throws IOException {
        MetricsServer.reply(ex, status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
