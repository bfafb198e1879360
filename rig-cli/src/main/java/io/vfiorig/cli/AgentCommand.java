package io.vfiorig.cli;

import io.grpc.ManagedChannel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.device.bind.SafeBinder;
import io.vfiorig.agent.metrics.HammerMetrics;
import io.vfiorig.agent.metrics.MetricsServer;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.RigVersion;
import io.vfiorig.controller.transport.ListenAddress;
import io.vfiorig.proto.FoundDevice;
import io.vfiorig.proto.Hello;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import io.vfiorig.wire.TlsFiles;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig agent}: runs on each lab host. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the agent of one lab host: keeps a stream to the controller, runs the suites it orders,",
            "spools every result to disk (fsync) before sending and replays what the controller has not",
            "acknowledged after any disconnect. Stops on SIGTERM/Ctrl-C. See docs/transport.md."})
final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--controller", required = true, paramLabel = "HOST:PORT", description = "The controller's address.")
    String controller;

    @Option(names = "--host", required = true, paramLabel = "NAME",
            description = "This host's name in the inventory (its certificate must name it with --tls-dir).")
    String host;

    @Option(names = "--spool", defaultValue = "rig-out/agent/spool", paramLabel = "DIR",
            description = "Durable outbox of unacknowledged results, on a local disk. Default: ${DEFAULT-VALUE}.")
    Path spoolDir;

    @Option(names = "--runs", defaultValue = "rig-out/agent/runs", paramLabel = "DIR",
            description = "Where each run's reports go (DIR/RUN-ID). Default: ${DEFAULT-VALUE}.")
    Path runsDir;

    @Option(names = "--metrics", defaultValue = "127.0.0.1:9465", paramLabel = "ADDR",
            description = "Serve live hammer metrics at http://ADDR/metrics for Prometheus (0.0.0.0:9465 to let a"
                    + " remote Prometheus scrape; 'off' for none). Default: ${DEFAULT-VALUE}.")
    String metrics;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "ca.pem, NAME.pem, NAME-key.pem for --host NAME (rig ca issue NAME). Without it: plaintext.")
    Path tlsDir;

    @Mixin
    BindOptions binding;

    @Override
    public Integer call() throws Exception {
        TlsFiles tls = tlsDir == null ? null : new TlsFiles(tlsDir, host);
        if (tls != null) {
            tls.check();
        }
        PrintWriter err = spec.commandLine().getErr();
        MetricsServer metricsServer;
        try {
            metricsServer = metrics.equals("off") ? null : startMetrics(ListenAddress.parse(metrics));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("rig agent: --metrics " + metrics + ": " + e.getMessage());
            return Rig.USAGE_OR_INFRA;
        }
        Spool spool = Spool.open(spoolDir);
        OrderWorker worker = new OrderWorker(spool, runsDir::resolve, err);
        if (binding.bind) {
            binding.host = host;
            // Back from a crash: what the last agent bound goes back to its own drivers before anything runs.
            if (Files.exists(binding.state)) {
                BindOptions.print(SafeBinder.forHost(binding.state).restoreAll(false), "restored after an earlier crash", err);
            }
            worker.binding(binding);
        }
        if (metricsServer != null) {
            worker.liveMetrics(liveMetrics);
        }
        ManagedChannel channel = UplinkClient.channel(controller, tls);
        UplinkClient uplink = new UplinkClient(channel, spool, () -> hello(host), worker::accept, System.err);
        worker.onBegun(uplink::runBegun);
        uplink.start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            uplink.close();
            worker.close();
            channel.shutdownNow();
            spool.close();
            if (metricsServer != null) {
                metricsServer.close();
            }
            stop.countDown();
        }));
        err.println("rig agent: host " + host + ", controller " + controller + (tls == null ? " (plaintext)" : " (mutual TLS)")
                + ", spool " + spoolDir + (metricsServer == null ? "" : ", metrics at " + metricsServer.url()));
        err.flush();
        stop.await();
        return Rig.OK;
    }

    private HammerMetrics liveMetrics;

    /** The agent's Prometheus endpoint with the live hammer counters. */
    private MetricsServer startMetrics(InetSocketAddress address) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        liveMetrics = new HammerMetrics(registry);
        return MetricsServer.start(registry, address.getAddress(), address.getPort());
    }

    /** What this host says about itself on each connection: devices are read afresh. */
    static Hello hello(String host) {
        Environment env = Environment.current();
        Hello.Builder b = Hello.newBuilder().setHost(host).setKernelRelease(env.kernelRelease())
                .setRigVersion(RigVersion.get());
        for (PciDevice d : new PciSysfs().list()) {
            b.addDevices(FoundDevice.newBuilder().setBdf(d.bdf())
                    .setVendorDevice(d.vendor().replace("0x", "") + ":" + d.device().replace("0x", ""))
                    .setIommuGroup(d.iommuGroup() < 0 ? "" : Integer.toString(d.iommuGroup())).setDriver(d.driver()));
        }
        return b.build();
    }
}
