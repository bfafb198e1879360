package io.vfiorig.cli;

import io.grpc.ManagedChannel;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.RigVersion;
import io.vfiorig.proto.FoundDevice;
import io.vfiorig.proto.Hello;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import io.vfiorig.wire.TlsFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "ca.pem, NAME.pem, NAME-key.pem for --host NAME (rig ca issue NAME). Without it: plaintext.")
    Path tlsDir;

    @Override
    public Integer call() throws Exception {
        TlsFiles tls = tlsDir == null ? null : new TlsFiles(tlsDir, host);
        if (tls != null) {
            tls.check();
        }
        PrintWriter err = spec.commandLine().getErr();
        Spool spool = Spool.open(spoolDir);
        OrderWorker worker = new OrderWorker(spool, runsDir::resolve, err);
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
            stop.countDown();
        }));
        err.println("rig agent: host " + host + ", controller " + controller + (tls == null ? " (plaintext)" : " (mutual TLS)")
                + ", spool " + spoolDir);
        err.flush();
        stop.await();
        return Rig.OK;
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
