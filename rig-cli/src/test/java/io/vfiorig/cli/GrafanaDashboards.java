package io.vfiorig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboards in {@code grafana/dashboards/}, read as Grafana reads them: their panels' PromQL,
 * their variables' queries, and what is wrong with them (broken variable references, unknown
 * datasources, duplicate panel ids, ...).
 */
final class GrafanaDashboards {
    /** A PromQL expression of a dashboard, named {@code panel:UID/PANEL_ID/REF_ID} or {@code variable:UID/NAME}. */
    record Query(String id, String title, String expr) {}

    /** One dashboard file. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }
    }

    /** The datasource every panel and target must use: the DS_PROMETHEUS input/variable. */
    static final String DATASOURCE_UID = "${DS_PROMETHEUS}";
    /** Grafana's own variables (https://grafana.com/docs/grafana/latest/dashboards/variables/add-template-variables/#global-variables). */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s",
            "__range_ms", "__all", "__field", "__series", "__value", "__data", "__name", "__from", "__to", "__dashboard",
            "__org", "__user", "__timezone", "timeFilter", "__timeFilter", "__url_time_range", "__url");
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[.:][^}]*)?}|\\$([A-Za-z_][A-Za-z0-9_]*)|\\[\\[([A-Za-z_][A-Za-z0-9_]*)(?::[^]]*)?]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\)");

    private GrafanaDashboards() {}

    static Path dir() {
        return Path.of("..").toAbsolutePath().normalize().resolve("grafana/dashboards");
    }

    static List<Dashboard> load(Path dir) {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            List<Dashboard> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(new Dashboard(f, json.readTree(f.toFile())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, rows' nested panels included. */
    static List<JsonNode> panels(Dashboard d) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : d.json().path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    static List<Query> panelQueries(Dashboard d) {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels(d)) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query("panel:" + d.uid() + "/" + p.path("id").asText() + "/" + t.path("refId").asText(),
                        p.path("title").asText(), t.path("expr").asText()));
            }
        }
        return out;
    }

    /**
     * The query variables' {@code label_values(SELECTOR, LABEL)}, as {@code SELECTOR} (what must
     * return series carrying LABEL); the label is the query's id suffix after {@code #}.
     */
    static List<Query> variableQueries(Dashboard d) {
        List<Query> out = new ArrayList<>();
        for (JsonNode v : d.json().path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
                if (m.matches()) {
                    out.add(new Query("variable:" + d.uid() + "/" + v.path("name").asText() + "#" + m.group(2),
                            "$" + v.path("name").asText(), m.group(1)));
                } else {
                    out.add(new Query("variable:" + d.uid() + "/" + v.path("name").asText(), "$" + v.path("name").asText(), ""));
                }
            }
        }
        return out;
    }

    /**
     * The expression as Prometheus gets it from Grafana with every variable at "All": a variable
     * becomes its All value {@code .*} (they are used as {@code label=~"$var"}), Grafana's
     * intervals become fixed durations.
     */
    static String substitute(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "10m")
                .replaceAll("\\$\\{[A-Za-z_][A-Za-z0-9_]*}|\\$[A-Za-z_][A-Za-z0-9_]*", ".*");
    }

    /** @return what is wrong with the dashboard, one line each ("FILE: panel 3 'Title': ..."); empty when nothing */
    static List<String> problems(Dashboard d) {
        List<String> out = new ArrayList<>();
        String f = d.file().getFileName().toString();
        JsonNode j = d.json();
        if (d.uid().isBlank()) {
            out.add(f + ": no uid (provisioning and links need a stable one)");
        }
        boolean input = false;
        for (JsonNode i : j.path("__inputs")) {
            input |= i.path("name").asText().equals("DS_PROMETHEUS") && i.path("pluginId").asText().equals("prometheus");
        }
        if (!input) {
            out.add(f + ": __inputs has no DS_PROMETHEUS of pluginId prometheus (the UI import asks for it)");
        }
        Set<String> defined = new LinkedHashSet<>();
        boolean dsVariable = false;
        for (JsonNode v : j.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (!defined.add(name)) {
                out.add(f + ": variable " + name + " is defined twice");
            }
            dsVariable |= name.equals("DS_PROMETHEUS") && v.path("type").asText().equals("datasource")
                    && v.path("query").asText().equals("prometheus");
            if (v.path("type").asText().equals("query")) {
                checkDatasource(out, f + ": variable " + name, v.path("datasource"));
            }
        }
        if (!dsVariable) {
            out.add(f + ": no datasource variable DS_PROMETHEUS (query: prometheus): provisioned dashboards resolve ${DS_PROMETHEUS} through it");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : panels(d)) {
            String where = f + ": panel " + p.path("id").asText("?") + " '" + p.path("title").asText() + "'";
            if (!p.path("id").isInt()) {
                out.add(where + ": no integer id");
            } else if (!ids.add(p.path("id").asInt())) {
                out.add(where + ": duplicate panel id " + p.path("id").asInt());
            }
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            checkDatasource(out, where, p.path("datasource"));
            Set<String> refs = new HashSet<>();
            if (p.path("targets").isEmpty()) {
                out.add(where + ": no queries");
            }
            for (JsonNode t : p.path("targets")) {
                checkDatasource(out, where + " query " + t.path("refId").asText(), t.path("datasource"));
                if (!refs.add(t.path("refId").asText())) {
                    out.add(where + ": duplicate refId " + t.path("refId").asText());
                }
                if (t.path("expr").asText().isBlank()) {
                    out.add(where + " query " + t.path("refId").asText() + ": empty expr");
                }
            }
        }
        Set<String> used = new HashSet<>();
        references(j, used);
        for (String name : used) {
            if (!defined.contains(name) && !BUILT_IN.contains(name)) {
                out.add(f + ": $" + name + " is used but no such variable is defined (defined: " + defined + ")");
            }
        }
        for (JsonNode v : j.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (v.path("type").asText().equals("query") && !usedOutside(j, name)) {
                out.add(f + ": variable " + name + " is defined but no panel uses it");
            }
        }
        return out;
    }

    private static void checkDatasource(List<String> out, String where, JsonNode ds) {
        if (!ds.path("type").asText().equals("prometheus") || !ds.path("uid").asText().equals(DATASOURCE_UID)) {
            out.add(where + ": unknown datasource " + ds + " (use {\"type\": \"prometheus\", \"uid\": \"" + DATASOURCE_UID + "\"})");
        }
    }

    /** Collects the variable names every string in {@code node} refers to. */
    private static void references(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            Matcher m = VARIABLE.matcher(node.asText());
            while (m.find()) {
                into.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
        } else {
            node.forEach(n -> references(n, into)); // an object's values, an array's elements
        }
    }

    private static boolean usedOutside(JsonNode dashboard, String variable) {
        Set<String> used = new HashSet<>();
        references(dashboard.path("panels"), used);
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!v.path("name").asText().equals(variable)) {
                references(v.path("definition"), used); // a variable another variable's query uses
            }
        }
        return used.contains(variable);
    }
}
