package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.testng.annotations.Test;

/**
 * The dashboard JSON is importable as it stands: one Prometheus datasource (the DS_PROMETHEUS
 * input), no reference to an undefined variable, unique panel ids; and the checks catch each of
 * those mistakes.
 */
public class GrafanaDashboardsTest {
    @Test
    public void theDashboardsHaveNoBrokenReferencesOrDuplicateIds() {
        List<GrafanaDashboards.Dashboard> all = GrafanaDashboards.load(GrafanaDashboards.dir());
        Set<String> uids = new TreeSet<>();
        for (GrafanaDashboards.Dashboard d : all) {
            uids.add(d.uid());
            assertEquals(GrafanaDashboards.problems(d), List.of(), d.file().toString());
        }
        assertEquals(uids, Set.of("rig-fault-latency", "rig-fleet", "rig-regressions", "rig-revoke"));
    }

    @Test
    public void theDashboardsOfferTheLabVariables() {
        for (String uid : List.of("rig-fault-latency", "rig-revoke")) {
            GrafanaDashboards.Dashboard d = byUid(uid);
            List<String> names = new ArrayList<>();
            d.json().path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
            assertTrue(names.containsAll(List.of("host", "device", "kernel", "suite")), uid + ": " + names);
        }
    }

    @Test
    public void theChecksCatchEachMistake() {
        GrafanaDashboards.Dashboard good = byUid("rig-fault-latency");
        ObjectNode broken = good.json().deepCopy();
        JsonNode panels = broken.path("panels");
        ((ObjectNode) panels.get(1)).put("id", panels.get(0).path("id").asInt());
        ((ObjectNode) panels.get(2)).putObject("datasource").put("type", "influxdb").put("uid", "legacy");
        ((ObjectNode) panels.get(3).path("targets").get(0)).put("expr", "rig:fault_latency_seconds:p99{host=~\"$hostname\"}");
        List<String> problems = GrafanaDashboards.problems(new GrafanaDashboards.Dashboard(good.file(), broken));
        String all = String.join("\n", problems);
        assertTrue(all.contains("duplicate panel id " + panels.get(0).path("id").asInt()), all);
        assertTrue(all.contains("unknown datasource {\"type\":\"influxdb\",\"uid\":\"legacy\"}"), all);
        assertTrue(all.contains("$hostname is used but no such variable is defined"), all);
        assertEquals(problems.size(), 3, all);

        ObjectNode noInput = new ObjectMapper().createObjectNode().put("uid", "x");
        String none = String.join("\n", GrafanaDashboards.problems(new GrafanaDashboards.Dashboard(good.file(), noInput)));
        assertTrue(none.contains("__inputs has no DS_PROMETHEUS"), none);
        assertTrue(none.contains("no datasource variable DS_PROMETHEUS"), none);
    }

    /** The provisioning files make one default Prometheus datasource and a file provider for the dashboards. */
    @Test
    public void provisioningFilesAreWhatGrafanaReads() throws Exception {
        java.nio.file.Path dir = GrafanaDashboards.dir().resolveSibling("provisioning");
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        JsonNode ds = yaml.readTree(dir.resolve("datasources/rig-prometheus.yml").toFile());
        assertEquals(ds.path("apiVersion").asInt(), 1);
        assertEquals(ds.path("datasources").size(), 1);
        assertEquals(ds.path("datasources").get(0).path("type").asText(), "prometheus");
        assertTrue(ds.path("datasources").get(0).path("isDefault").asBoolean(), "the DS_PROMETHEUS variable picks the default");
        JsonNode providers = yaml.readTree(dir.resolve("dashboards/rig-dashboards.yml").toFile());
        assertEquals(providers.path("providers").get(0).path("type").asText(), "file");
        assertEquals(providers.path("providers").get(0).path("folder").asText(), "vfio-rig");
    }

    @Test
    public void variablesAreSubstitutedWithTheirAllValue() {
        assertEquals(GrafanaDashboards.substitute(
                        "sum by (le) (increase(x_bucket{host=~\"$host\",device=~\"${device}\"}[$__rate_interval])) / $__range"),
                "sum by (le) (increase(x_bucket{host=~\".*\",device=~\".*\"}[1m])) / 10m");
    }

    private static GrafanaDashboards.Dashboard byUid(String uid) {
        return GrafanaDashboards.load(GrafanaDashboards.dir()).stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
    }
}
