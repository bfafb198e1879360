package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code rig prometheus targets}: file_sd targets from the inventory, clear errors on bad input. */
public class PrometheusTargetsTest {
    private static final String TWO_HOSTS = """
            version: 1
            lab: targets-lab
            hosts:
              - name: lab-host-01
                address: lab-host-01.example.net
                agent-identity: CN=lab-host-01
                devices: [{bdf: "0000:3b:00.0", expect: "8086:0b25", label: dsa-1, suites: [smoke]}]
              - name: lab-host-02
                address: "fd00::2"
                agent-identity: CN=lab-host-02
                devices: [{bdf: "0000:3b:00.0", expect: "8086:0b25", label: dsa-2, suites: [smoke]}]
            """;

    @Test
    public void writesOneTargetPerHostLabelledWithItsName() throws Exception {
        Path dir = RigRunner.tempDir("targets");
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), TWO_HOSTS);
        Path out = dir.resolve("targets").resolve("rig-agents.json");
        RigRunner.Outcome o = RigRunner.rig(dir, "prometheus", "targets", "--inventory", inv.toString(), "--out", out.toString(),
                "--port", "9500");
        assertEquals(o.exit(), Rig.OK, o.err());
        assertTrue(o.err().contains("2 agent(s) written to " + out), o.err());
        JsonNode groups = new ObjectMapper().readTree(out.toFile());
        assertEquals(groups.size(), 2);
        assertEquals(groups.get(0).get("targets").get(0).asText(), "lab-host-01.example.net:9500");
        assertEquals(groups.get(0).get("labels").get("host").asText(), "lab-host-01");
        assertEquals(groups.get(1).get("targets").get(0).asText(), "[fd00::2]:9500", "IPv6 in brackets");
        assertEquals(groups.get(1).get("labels").get("host").asText(), "lab-host-02");
    }

    /** The checked-in targets are what the command makes of the checked-in inventory. */
    @Test
    public void checkedInTargetsMatchTheSampleInventory() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        RigRunner.Outcome o = RigRunner.rig(null, "prometheus", "targets", "--inventory", root.resolve("inventory.yaml").toString());
        assertEquals(o.exit(), Rig.OK, o.err());
        assertEquals(o.out(), Files.readString(root.resolve("prometheus/targets/rig-agents.json")),
                "regenerate with: rig prometheus targets --inventory inventory.yaml --out prometheus/targets/rig-agents.json");
    }

    @Test
    public void badInputIsOneClearErrorAndWritesNothing() throws Exception {
        Path dir = RigRunner.tempDir("targets-bad");
        Path out = dir.resolve("rig-agents.json");

        Path broken = Files.writeString(dir.resolve("broken.yaml"), TWO_HOSTS.replace("    address: lab-host-01.example.net\n", ""));
        RigRunner.Outcome o = RigRunner.rig(dir, "prometheus", "targets", "--inventory", broken.toString(), "--out", out.toString());
        assertEquals(o.exit(), Rig.USAGE_OR_INFRA);
        assertTrue(o.err().contains("broken.yaml:"), o.err());
        assertTrue(o.err().contains("address"), o.err());
        assertTrue(o.err().contains("is not a valid inventory; fix the problems above"), o.err());

        Path noHosts = Files.writeString(dir.resolve("nohosts.yaml"), "version: 1\nlab: empty\nsimulated: [{device: sim}]\n");
        o = RigRunner.rig(dir, "prometheus", "targets", "--inventory", noHosts.toString(), "--out", out.toString());
        assertEquals(o.exit(), Rig.USAGE_OR_INFRA);
        assertTrue(o.err().contains("the inventory declares no hosts, so there is no agent to scrape"), o.err());

        Path good = Files.writeString(dir.resolve("good.yaml"), TWO_HOSTS);
        o = RigRunner.rig(dir, "prometheus", "targets", "--inventory", good.toString(), "--port", "70000", "--out", out.toString());
        assertEquals(o.exit(), Rig.USAGE_OR_INFRA);
        assertTrue(o.err().contains("--port 70000 is not a TCP port"), o.err());

        o = RigRunner.rig(dir, "prometheus", "targets", "--inventory", dir.resolve("missing.yaml").toString());
        assertEquals(o.exit(), Rig.USAGE_OR_INFRA);
        assertTrue(o.err().contains("missing.yaml"), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
