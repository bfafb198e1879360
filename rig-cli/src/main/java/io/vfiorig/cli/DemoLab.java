package io.vfiorig.cli;

import io.grpc.ManagedChannel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.metrics.HammerMetrics;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.fleet.FleetPlan;
import io.vfiorig.controller.fleet.FleetSettings;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A whole lab in one process ({@code rig demo}, and tests that need a running one): a controller
 * (SQLite file, plaintext on loopback, admin API and {@code /metrics}) and one local agent with its
 * own {@code /metrics}, on simulated devices. {@link #start} opens everything but the agent's
 * stream, so the metrics' addresses are known before anything runs; {@link #connect} lets the agent
 * say hello (the fleet then health-checks every device).
 */
final class DemoLab implements AutoCloseable {
    /** The controller's own agent: the fleet places simulated devices on it. */
    static final String HOST = FleetPlan.LOCAL_HOST;

    private final Path out;
    private final ControllerServer controller;
    private final Spool spool;
    private final OrderWorker worker;
    private final MetricsServer agentMetrics;
    private ManagedChannel channel;
    private UplinkClient agent;

    private DemoLab(Path out, ControllerServer controller, Spool spool, OrderWorker worker, MetricsServer agentMetrics) {
        this.out = out;
        this.controller = controller;
        this.spool = spool;
        this.worker = worker;
        this.agentMetrics = agentMetrics;
    }

    /**
     * @param simulated the simulated device specs the lab has ({@code sim}, {@code sim:bug=...})
     * @param log       where the agent says what it runs
     */
    static DemoLab start(Path out, List<String> simulated, FleetSettings settings, PrintWriter log) throws Exception {
        Path db = out.resolve("controller").resolve("results.db").toAbsolutePath();
        ControllerServer.Config cfg = new ControllerServer.Config(inventory(simulated), "jdbc:sqlite:" + db,
                new InetSocketAddress("127.0.0.1", 0), null, null);
        PrometheusMeterRegistry agentRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ControllerServer controller = ControllerServer.startLab(cfg, new InetSocketAddress("127.0.0.1", 0), settings);
        Spool spool = null;
        OrderWorker worker = null;
        try {
            spool = Spool.open(out.resolve("spool"));
            worker = new OrderWorker(spool, runId -> runDir(out, runId), log);
            MetricsServer agentMetrics = MetricsServer.startOnLoopback(agentRegistry, 0);
            worker.liveMetrics(new HammerMetrics(agentRegistry));
            return new DemoLab(out, controller, spool, worker, agentMetrics);
        } catch (Exception | Error e) {
            if (worker != null) {
                worker.close();
            }
            if (spool != null) {
                spool.close();
            }
            controller.close();
            throw e;
        }
    }

    /** The agent opens its stream and says hello; returns once the controller counts it connected. */
    void connect() throws InterruptedException {
        channel = UplinkClient.channel("127.0.0.1:" + controller.transport().address().getPort(), null);
        agent = new UplinkClient(channel, spool, () -> AgentCommand.hello(HOST), worker::accept, System.err);
        worker.onBegun(agent::runBegun);
        agent.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!controller.transport().connectedHosts().contains(HOST)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo agent did not connect to the demo controller in 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Queues {@code suite} on {@code device} as {@code rig submit} does; the fleet leases and orders it. */
    String submit(String suite, String device) {
        return fleet().submit(suite, HOST, device).getFirst();
    }

    /** @return completes with the run's results (null: it could not start) once its end is spooled */
    CompletableFuture<RunResults> completion(String runId) {
        return worker.completion(runId);
    }

    /** Waits up to {@code seconds} for the spool to send everything to the controller; @return whether it did */
    boolean drain(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!spool.drained() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return spool.drained();
    }

    ControllerServer controller() {
        return controller;
    }

    Fleet fleet() {
        return (Fleet) controller.fleet();
    }

    /** The controller's admin API, e.g. {@code http://127.0.0.1:PORT} ({@code /metrics}, {@code /runs/...}). */
    String adminUrl() {
        return controller.adminUrl().orElseThrow();
    }

    MetricsServer agentMetrics() {
        return agentMetrics;
    }

    Path spoolDir() {
        return out.resolve("spool");
    }

    Path db() {
        return out.resolve("controller").resolve("results.db").toAbsolutePath();
    }

    @Override
    public void close() throws Exception {
        try (controller; spool; worker; agentMetrics) {
            if (agent != null) {
                agent.close();
            }
            if (channel != null) {
                channel.shutdownNow();
            }
        }
    }

    /**
     * The fleet health-checks a device it has not seen before, so a lab's first runs are those
     * checks: their reports go to {@code health-check/}, other runs' to {@code out} itself.
     */
    private static Path runDir(Path out, String runId) {
        return runId.startsWith(Order.HEALTH_CHECK + "-") ? out.resolve(Order.HEALTH_CHECK) : out;
    }

    /** One host, the local agent, and the simulated devices. */
    private static Inventory inventory(List<String> simulated) throws Exception {
        String devices = simulated.stream().map(d -> "{device: \"" + d + "\"}").collect(Collectors.joining(", "));
        Inventory base = InventoryLoader.parse("version: 1\nlab: demo\nsimulated: [" + devices + "]\n", "demo inventory");
        return new Inventory(base.version(), base.lab(), List.of(new Host(HOST, "127.0.0.1", HOST, List.of())),
                base.virtualHosts(), base.simulated(), base.suites(), base.schedule(), base.baselines(), base.thresholds(),
                base.retention());
    }
}
