package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.controller.fleet.AgentHello;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.fleet.FleetPlan;
import io.vfiorig.controller.fleet.FleetSettings;
import io.vfiorig.controller.fleet.RunOrder;
import io.vfiorig.controller.fleet.RunOutcome;
import io.vfiorig.controller.http.ControllerHttp;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.ResultStore;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.Test;

/** The operator commands against a real controller HTTP side, fleet and SQLite store. */
public class FleetCommandsTest {
    private static final String INVENTORY = """
            version: 1
            lab: cli-lab
            simulated:
              - device: sim
                suites: [smoke]
              - device: "sim:bug=slow-fault"
                suites: [smoke]
            """;

    @Test
    public void submitDevicesReleaseAndUnquarantineThroughTheController() throws Exception {
        List<RunOrder> sent = new CopyOnWriteArrayList<>();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String db = "jdbc:sqlite:" + RigRunner.tempDir("fleet-cli").resolve("store.db");
        try (ResultStore store = ResultStore.open(db);
                Fleet fleet = new Fleet(InventoryLoader.parse(INVENTORY, "cli.yaml"), store, registry, Clock.systemUTC(),
                        sent::add, FleetSettings.DEFAULTS.withQuarantineAfter(1));
                ControllerHttp http = ControllerHttp.start(fleet, registry, new InetSocketAddress("127.0.0.1", 0))) {
            String url = http.url();
            fleet.agentConnected(new AgentHello(FleetPlan.LOCAL_HOST, "6.13.0", "0.1.0", List.of()));
            for (RunOrder check : List.copyOf(sent)) {
                boolean broken = check.devices().getFirst().contains("bug");
                fleet.runFinished(check.host(), check.runId(), broken
                        ? new RunOutcome(RunOutcome.Kind.INFRA_ERROR, "probe crash") : new RunOutcome(RunOutcome.Kind.PASSED, ""));
            }

            RigRunner.Outcome submit = RigRunner.rig(null, "submit", "--controller", url, "--suite", "smoke", "--host", "local",
                    "--device", "sim");
            assertEquals(submit.exit(), 0, submit.err());
            String runId = submit.out().strip();
            assertTrue(runId.startsWith("submit-"), submit.out());
            assertEquals(sent.getLast().runId(), runId, "the run went to the agent");

            RigRunner.Outcome devices = RigRunner.rig(null, "devices", "--controller", url);
            assertEquals(devices.exit(), 0, devices.err());
            String simLine = line(devices.out(), " sim ");
            assertTrue(simLine.contains("healthy") && simLine.contains("(" + runId + ")"), devices.out());
            String brokenLine = line(devices.out(), "sim:bug=slow-fault");
            assertTrue(brokenLine.contains("quarantined") && brokenLine.contains("probe crash"), devices.out());

            RigRunner.Outcome refused = RigRunner.rig(null, "submit", "--controller", url, "--suite", "smoke", "--host", "local",
                    "--device", "sim:bug=slow-fault");
            assertEquals(refused.exit(), 2);
            assertTrue(refused.err().startsWith("rig submit: device sim:bug=slow-fault on local is quarantined"), refused.err());

            String lease = fleet.leases().getFirst().leaseId();
            RigRunner.Outcome release = RigRunner.rig(null, "release", "--controller", url, lease);
            assertEquals(release.exit(), 0, release.err());
            assertTrue(fleet.leases().stream().noneMatch(l -> l.leaseId().equals(lease)));
            RigRunner.Outcome again = RigRunner.rig(null, "release", "--controller", url, lease);
            assertEquals(again.exit(), 2);
            assertTrue(again.err().contains("no active lease " + lease), again.err());

            RigRunner.Outcome unq = RigRunner.rig(null, "unquarantine", "--controller", url, "local", "sim:bug=slow-fault");
            assertEquals(unq.exit(), 0, unq.err());
            assertTrue(line(RigRunner.rig(null, "devices", "--controller", url).out(), "sim:bug=slow-fault").contains("unknown"));
        }
    }

    @Test
    public void anUnreachableControllerIsOneClearLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free again once closed: nothing listens there
        }
        RigRunner.Outcome o = RigRunner.rig(null, "devices", "--controller", "http://127.0.0.1:" + port);
        assertEquals(o.exit(), 2);
        assertTrue(o.err().startsWith("rig devices: cannot reach the controller at http://127.0.0.1:" + port), o.err());
        assertTrue(o.err().contains("rig controller"), o.err());
        assertEquals(o.err().strip().lines().count(), 1L, o.err());
        RigRunner.Outcome bad = RigRunner.rig(null, "release", "--controller", "127.0.0.1:9464", "x");
        assertEquals(bad.exit(), 2);
        assertTrue(bad.err().contains("--controller must be a URL"), bad.err());
    }

    private static String line(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst().orElseThrow(() -> new AssertionError(needle + " in\n" + text));
    }
}
