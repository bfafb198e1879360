package io.vfiorig.controller.http;

import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.inventory.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The Prometheus config and rules in {@code prometheus/} are valid, the rules behave as their unit
 * tests say, and they use only metric names a real controller serves and docs/fleet.md lists.
 */
public class PrometheusRulesTest {
    private static final Pattern METRIC = Pattern.compile("\\b(rig_[a-z_]+)");

    private static Path rules() {
        return Repo.root().resolve("prometheus/rig-rules.yml");
    }

    @Test
    public void configAndRulesPassPromtoolAndTheRulesTheirUnitTests() throws Exception {
        Promtool.run(null, "check", "config", Repo.root().resolve("prometheus/prometheus.yml").toString());
        Promtool.run(null, "check", "rules", rules().toString());
        String out = Promtool.run(null, "test", "rules", Repo.root().resolve("prometheus/tests/rig-rules.test.yml").toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    public void everyMetricTheRulesUseIsServedByTheControllerOrDocumented() throws Exception {
        String scrape = MetricsEndpointsTest.controllerScrape();
        String docs = Files.readString(Repo.root().resolve("docs/fleet.md"));
        Set<String> missing = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(rules()));
        while (m.find()) {
            String family = m.group(1).replaceAll("_(bucket|count|sum)$", "");
            if (!scrape.contains("# TYPE " + family + " ") || !docs.contains("`" + family + "`")) {
                missing.add(family);
            }
        }
        assertTrue(missing.isEmpty(), "rules use metrics the controller does not serve or docs/fleet.md does not list: " + missing);
    }
}
