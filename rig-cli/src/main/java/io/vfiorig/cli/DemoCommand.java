package io.vfiorig.cli;

import io.grpc.ManagedChannel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.metrics.HammerMetrics;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.agent.report.SummaryTable;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.fleet.FleetPlan;
import io.vfiorig.controller.fleet.Order;
import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig demo}: a whole lab in one process. A controller (SQLite file, plaintext on loopback) and
 * one agent; the controller orders the smoke suite on the simulated device, the agent runs it and
 * streams every result through its spool and the real gRPC stream into the store.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a lab in one process: a controller and a local agent. The controller orders the smoke",
            "suite on the simulated device (a memfd BAR going through the real kernel fault path); the agent",
            "runs it and streams the results into the controller's store. Prints the summary and where the",
            "reports, the store and the metrics are. Needs no lab hardware."})
final class DemoCommand implements Callable<Integer> {
    /** The controller's own agent: the fleet places simulated devices on it. */
    static final String HOST = FleetPlan.LOCAL_HOST;
    private static final long DRAIN_SECONDS = 120;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "rig-out/demo", paramLabel = "DIR",
            description = "Output directory: reports, controller/results.db, spool/. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> devices = List.of("sim");
        SuiteRunner.validate("smoke", devices);
        PrintWriter err = spec.commandLine().getErr();
        Path db = out.resolve("controller").resolve("results.db").toAbsolutePath();
        err.println("vfio-rig demo: controller + agent in one process; smoke suite on the simulated device (sim), output in " + out);
        ControllerServer.Config cfg = new ControllerServer.Config(demoInventory(), "jdbc:sqlite:" + db,
                new InetSocketAddress("127.0.0.1", 0), null, null);
        PrometheusMeterRegistry agentRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ControllerServer controller = ControllerServer.startLab(cfg, new InetSocketAddress("127.0.0.1", 0));
                Spool spool = Spool.open(out.resolve("spool"));
                OrderWorker worker = new OrderWorker(spool, this::runDir, err);
                MetricsServer agentMetrics = MetricsServer.startOnLoopback(agentRegistry, 0)) {
            worker.liveMetrics(new HammerMetrics(agentRegistry));
            ManagedChannel channel = UplinkClient.channel("127.0.0.1:" + controller.transport().address().getPort(), null);
            try (UplinkClient agent = new UplinkClient(channel, spool, () -> AgentCommand.hello(HOST), worker::accept,
                    System.err)) {
                worker.onBegun(agent::runBegun);
                agent.start();
                awaitConnected(controller);
                // As `rig submit` does: the fleet leases the device and orders the run.
                String runId = ((Fleet) controller.fleet()).submit("smoke", HOST, "sim").getFirst();
                RunResults results = worker.completion(runId).get(15, TimeUnit.MINUTES);
                if (results == null) {
                    err.println("rig demo: the run could not start; see the lines above");
                    return Rig.USAGE_OR_INFRA;
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
                while (!spool.drained() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                int stored = controller.store().tests(HOST, runId).size();
                spec.commandLine().getOut().println(SummaryTable.render(results));
                spec.commandLine().getOut().println("results: " + out.resolve(SuiteRunner.RESULTS).toAbsolutePath() + " (also "
                        + SuiteRunner.JUNIT + ", " + SuiteRunner.KTAP + ")");
                spec.commandLine().getOut().println("report: " + out.resolve(SuiteRunner.HTML).toAbsolutePath());
                spec.commandLine().getOut().println("store: " + stored + " of " + results.tests().size() + " results of run "
                        + runId + " streamed into " + db + " (agent " + HOST + ")");
                spec.commandLine().getOut().println("metrics: " + controller.adminUrl().orElseThrow() + "/metrics (controller), "
                        + agentMetrics.url() + " (agent)");
                if (stored != results.tests().size()) {
                    err.println("rig demo: only " + stored + " of " + results.tests().size() + " results reached the store in "
                            + DRAIN_SECONDS + " s; they stay in " + out.resolve("spool") + " and are sent on the next demo");
                    return Rig.USAGE_OR_INFRA;
                }
                return results.exitCode();
            } finally {
                channel.shutdownNow();
            }
        }
    }

    /**
     * The fleet health-checks a device it has not seen before, so the demo's first run is that check:
     * its reports go to {@code health-check/}, the submitted smoke run's to {@code --out} itself.
     */
    private Path runDir(String runId) {
        return runId.startsWith(Order.HEALTH_CHECK + "-") ? out.resolve(Order.HEALTH_CHECK) : out;
    }

    private static void awaitConnected(ControllerServer controller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!controller.transport().connectedHosts().contains(HOST)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo agent did not connect to the demo controller in 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** One host, the local agent, and the simulated device. */
    private static Inventory demoInventory() throws Exception {
        Inventory base = InventoryLoader.parse("version: 1\nlab: demo\nsimulated: [{device: sim}]\n", "demo inventory");
        return new Inventory(base.version(), base.lab(), List.of(new Host(HOST, "127.0.0.1", HOST, List.of())),
                base.virtualHosts(), base.simulated(), base.suites(), base.schedule(), base.baselines(), base.thresholds(),
                base.retention());
    }
}
