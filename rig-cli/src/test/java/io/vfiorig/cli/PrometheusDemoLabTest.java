package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vfiorig.controller.fleet.DeviceView;
import io.vfiorig.controller.fleet.FleetSettings;
import io.vfiorig.controller.metrics.ScrapeTargets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * Done-means of the dashboards (docs/dashboards.md): a real Prometheus scrapes a running demo lab
 * (controller and agent in this JVM, the repository's prometheus.yml with the lab's ports, agent
 * targets from {@code rig prometheus targets}' code, the repository's rules) while the fleet
 * health-checks a correct simulated device and one with a kernel bug (which breaks an invariant
 * and is quarantined). Then every dashboard panel's and every rule's PromQL runs through the HTTP
 * API and must return data, unless prometheus/tests/not-in-demo.txt says why it cannot here.
 * The answers are written to target/demo-queries.md (the README's table comes from there).
 */
public class PrometheusDemoLabTest {
    private static final String BUGGY = "sim:bug=stale-mapping";
    private static final Pattern COMPARISON = Pattern.compile("\\s*(==|!=|>=|<=|>|<)\\s*[0-9.]+\\s*$");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    public void everyDashboardAndRuleQueryAnswersFromAScrapedDemoLab() throws Exception {
        PrometheusProcess.binary("prometheus"); // skip (or fail in CI) before starting anything
        Path dir = RigRunner.tempDir("prometheus-demo");
        Path rules = ROOT.resolve("prometheus/rig-rules.yml");
        StringWriter labLog = new StringWriter();
        try (DemoLab lab = DemoLab.start(dir.resolve("lab"), List.of("sim", BUGGY), FleetSettings.DEFAULTS.withQuarantineAfter(1),
                new PrintWriter(labLog, true))) {
            Path config = config(dir, lab, rules);
            PrometheusProcess.promtool("check", "config", config.toString());
            PrometheusProcess.promtool("check", "config", ROOT.resolve("prometheus/prometheus.yml").toString());
            PrometheusProcess.promtool("check", "rules", rules.toString());
            try (PrometheusProcess prometheus = PrometheusProcess.start(config, dir)) {
                await("both jobs scraped", 30, () -> count(prometheus, "up == 1") == 2);
                lab.connect(); // the fleet orders a health check of each device now, while Prometheus watches
                await("sim healthy and " + BUGGY + " quarantined", 75, () -> state(lab, "sim").equals("healthy")
                        && state(lab, BUGGY).equals("quarantined"));
                assertTrue(lab.drain(30), "every result reached the store");
                await("Prometheus saw the quarantine and the violation", 20,
                        () -> count(prometheus, "rig_devices{state=\"quarantined\"} == 1") == 1
                                && count(prometheus, "rig_invariant_violations_total") > 0
                                && count(prometheus, "rig:fault_latency_seconds:p99") > 0);

                Map<String, String> exempt = exemptions();
                List<Answer> answers = new ArrayList<>();
                for (GrafanaDashboards.Dashboard d : GrafanaDashboards.load(GrafanaDashboards.dir())) {
                    for (GrafanaDashboards.Query q : GrafanaDashboards.panelQueries(d)) {
                        answers.add(answer(prometheus, q.id(), q.title(), GrafanaDashboards.substitute(q.expr()), exempt));
                    }
                    for (GrafanaDashboards.Query q : GrafanaDashboards.variableQueries(d)) {
                        String label = q.id().substring(q.id().indexOf('#') + 1);
                        JsonNode values = prometheus.get("/api/v1/label/" + label + "/values?match[]="
                                + java.net.URLEncoder.encode(GrafanaDashboards.substitute(q.expr()), "UTF-8"));
                        answers.add(new Answer(q.id(), q.title(), q.expr(), values.size(), values.toString(), values.isEmpty()
                                ? "no values" : null));
                    }
                }
                for (JsonNode group : new YAMLMapper().readTree(rules.toFile()).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        answers.addAll(ruleAnswers(prometheus, rule, exempt));
                    }
                }

                List<String> failures = new ArrayList<>();
                for (Answer a : answers) {
                    if (a.problem() != null) {
                        failures.add(a.id() + " (" + a.title() + "): " + a.problem() + "\n    " + a.expr());
                    }
                }
                List<String> ids = answers.stream().map(Answer::id).toList();
                exempt.keySet().stream().filter(id -> !ids.contains(id))
                        .forEach(id -> failures.add(id + ": listed in not-in-demo.txt but no such query (remove the line)"));
                Files.writeString(Path.of("target/demo-queries.md"), table(answers));
                assertTrue(failures.isEmpty(), failures.size() + " of " + answers.size() + " queries failed:\n"
                        + String.join("\n", failures) + "\nlab:\n" + labLog);
                assertTrue(answers.size() > 60, "every panel, variable and rule was asked: " + answers.size());

                // Every report link of a panel opens a run's report through the controller.
                List<String> links = reportLinks(prometheus, lab.adminUrl());
                assertTrue(links.size() >= 5, "the latency and violation panels link to reports: " + links);

                // The alerts that should fire in this lab do (RigDeviceQuarantined waits 1 m: pending).
                JsonNode alerts = prometheus.get("/api/v1/alerts").path("alerts");
                List<String> active = new ArrayList<>();
                alerts.forEach(a -> active.add(a.path("labels").path("alertname").asText()));
                StringBuilder states = new StringBuilder("\nActive alerts:");
                alerts.forEach(a -> states.append(' ').append(a.path("labels").path("alertname").asText())
                        .append(" (").append(a.path("state").asText()).append(')'));
                Files.writeString(Path.of("target/demo-queries.md"), states + "\n", java.nio.file.StandardOpenOption.APPEND);
                assertTrue(active.contains("RigInvariantViolated") && active.contains("RigDeviceQuarantined"), active.toString());
                assertTrue(!active.contains("RigAgentDown") && !active.contains("RigControllerDown"), active.toString());
            }
        }
    }

    private static final Pattern LINK_LABEL = Pattern.compile("\\$\\{__(?:field\\.labels|data\\.fields)\\.([A-Za-z_]+)}");

    /**
     * Fills each panel's data links as Grafana would for the first series of the panel's first query
     * ({@code ${controller}} = the lab's admin URL) and follows them: each must end at a run's HTML report.
     *
     * @return the URLs followed
     */
    private static List<String> reportLinks(PrometheusProcess prometheus, String controller) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        List<String> followed = new ArrayList<>();
        for (GrafanaDashboards.Dashboard d : GrafanaDashboards.load(GrafanaDashboards.dir())) {
            for (JsonNode panel : GrafanaDashboards.panels(d)) {
                for (JsonNode link : panel.path("fieldConfig").path("defaults").path("links")) {
                    String expr = GrafanaDashboards.substitute(panel.path("targets").get(0).path("expr").asText());
                    JsonNode labels = prometheus.query(expr).path("result").get(0).path("metric");
                    java.util.regex.Matcher m = LINK_LABEL.matcher(link.path("url").asText().replace("${controller}", controller));
                    StringBuilder url = new StringBuilder();
                    while (m.find()) {
                        m.appendReplacement(url, java.util.regex.Matcher.quoteReplacement(
                                java.net.URLEncoder.encode(labels.path(m.group(1)).asText(), "UTF-8")));
                    }
                    m.appendTail(url);
                    java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url.toString())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertEquals(r.statusCode(), 200, d.uid() + " panel " + panel.path("id") + ": " + url + "\n" + r.body());
                    assertTrue(r.body().contains("<title>vfio-rig smoke on "), url + " is a run report");
                    followed.add(url.toString());
                }
            }
        }
        return followed;
    }

    /** The repository's prometheus.yml pointed at the lab: its controller port, its agent, the rules, 1 s intervals. */
    @SuppressWarnings("unchecked")
    private static Path config(Path dir, DemoLab lab, Path rules) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, Object> c = yaml.readValue(ROOT.resolve("prometheus/prometheus.yml").toFile(), Map.class);
        Map<String, Object> global = (Map<String, Object>) c.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        c.put("rule_files", List.of(rules.toString()));
        Path targets = dir.resolve("rig-agents.json");
        Files.writeString(targets, new ObjectMapper().writeValueAsString(
                ScrapeTargets.of(lab.controller().inventory(), lab.agentMetrics().port())));
        for (Map<String, Object> job : (List<Map<String, Object>>) c.get("scrape_configs")) {
            switch ((String) job.get("job_name")) {
                case "rig-controller" -> job.put("static_configs",
                        List.of(Map.of("targets", List.of(lab.adminUrl().replace("http://", "")))));
                case "rig-agents" -> job.put("file_sd_configs", List.of(Map.of("files", List.of(targets.toString()))));
                default -> throw new AssertionError("prometheus.yml has a job this test does not know: " + job.get("job_name"));
            }
        }
        Path out = dir.resolve("prometheus.yml");
        yaml.writeValue(out.toFile(), c);
        return out;
    }

    record Answer(String id, String title, String expr, int series, String sample, String problem) {}

    private static Answer answer(PrometheusProcess p, String id, String title, String expr, Map<String, String> exempt) {
        try {
            JsonNode data = p.query(expr);
            JsonNode result = data.path("result");
            int series = data.path("resultType").asText().equals("scalar") ? 1 : result.size();
            String sample = series == 0 ? "" : sample(data);
            String problem = series > 0 || exempt.containsKey(id) ? null : "no data";
            return new Answer(id, title, expr, series, exempt.containsKey(id) ? "(" + exempt.get(id) + ")" : sample, problem);
        } catch (Exception e) {
            return new Answer(id, title, expr, 0, "", "Prometheus refused it: " + e.getMessage());
        }
    }

    /** A record rule's expression and its recorded series; an alert's expression and its left side without the threshold. */
    private static List<Answer> ruleAnswers(PrometheusProcess p, JsonNode rule, Map<String, String> exempt) {
        String expr = rule.path("expr").asText().trim();
        List<Answer> out = new ArrayList<>();
        if (rule.has("record")) {
            String name = rule.path("record").asText();
            out.add(answer(p, "rule:" + name, "recording rule", expr, exempt));
            out.add(answer(p, "rule:" + name + "/recorded", "series Prometheus recorded", name, exempt));
        } else {
            String name = rule.path("alert").asText();
            Answer full = answer(p, "rule:" + name + "/condition", "alert condition (may be empty: not firing)", expr, Map.of());
            out.add(new Answer(full.id(), full.title(), expr, full.series(), full.sample(),
                    full.problem() != null && full.problem().startsWith("Prometheus refused") ? full.problem() : null));
            String left = COMPARISON.matcher(expr).replaceFirst("");
            out.add(answer(p, "rule:" + name, "alert expression without its threshold", left, exempt));
        }
        return out;
    }

    /** Up to four series as {@code label=value,... → value} (4 significant digits), sorted, for the table. */
    private static String sample(JsonNode data) {
        if (data.path("resultType").asText().equals("scalar")) {
            return number(data.path("result").get(1).asText());
        }
        List<String> series = new ArrayList<>();
        for (JsonNode r : data.path("result")) {
            List<String> labels = new ArrayList<>();
            r.path("metric").properties().forEach(e -> {
                if (!e.getKey().equals("__name__") && !e.getKey().equals("job") && !e.getKey().equals("instance")) {
                    labels.add(e.getKey() + "=" + e.getValue().asText());
                }
            });
            series.add((labels.isEmpty() ? "" : String.join(",", labels) + " → ") + number(r.path("value").get(1).asText()));
        }
        series.sort(null);
        return String.join("; ", series.subList(0, Math.min(4, series.size()))) + (series.size() > 4 ? "; ..." : "");
    }

    private static String number(String v) {
        try {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v; // NaN, +Inf
        }
    }

    private static Map<String, String> exemptions() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("prometheus/tests/not-in-demo.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.trim().split("\\s+", 2);
                out.put(f[0], f.length > 1 ? f[1] : "");
            }
        }
        return out;
    }

    private static String table(List<Answer> answers) {
        StringBuilder b = new StringBuilder("Measured " + Instant.now() + " by rig-cli PrometheusDemoLabTest (demo lab: sim and "
                + BUGGY + ", health checks only; Prometheus scraping every second).\n\n| query | series | first value |\n|---|---|---|\n");
        for (Answer a : answers) {
            b.append("| `").append(a.id()).append("` ").append(a.title().replace("|", "/")).append(" | ").append(a.series())
                    .append(" | ").append(a.sample().replace("|", "/")).append(" |\n");
        }
        return b.toString();
    }

    private static int count(PrometheusProcess p, String expr) {
        try {
            return p.query(expr).path("result").size();
        } catch (Exception e) {
            throw new IllegalStateException(expr + ": " + e.getMessage(), e);
        }
    }

    private static String state(DemoLab lab, String device) {
        return lab.fleet().devices().stream().filter(d -> d.device().equals(device)).map(DeviceView::state).findFirst().orElse("?");
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(250);
        }
    }
}
