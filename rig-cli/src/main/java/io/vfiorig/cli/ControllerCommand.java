package io.vfiorig.cli;

import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.transport.ListenAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig controller}: the centre of a lab. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Run the lab controller: admits agents (mutual TLS; an agent's certificate must name an",
            "inventory host), stores every result they stream (exactly once, acknowledged after storing)",
            "and sends them run orders. Stops on SIGTERM/Ctrl-C. See docs/transport.md."})
final class ControllerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--inventory", required = true, paramLabel = "FILE", description = "The lab's inventory.yaml.")
    Path inventory;

    @Option(names = "--db", defaultValue = "jdbc:sqlite:rig-out/controller/results.db", paramLabel = "JDBC",
            description = "Result store: jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB?user=U. Default: ${DEFAULT-VALUE}.")
    String db;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7443", paramLabel = "ADDR",
            description = "Where agents connect, HOST:PORT. Beyond loopback needs --tls-dir. Default: ${DEFAULT-VALUE}.")
    String listen;

    @Option(names = "--admin", defaultValue = "127.0.0.1:9464", paramLabel = "ADDR",
            description = "Admin API and Prometheus /metrics, HOST:PORT on loopback (no authentication)."
                    + " Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "ca.pem, controller.pem, controller-key.pem (rig ca init DIR; rig ca issue controller --dir DIR).")
    Path tlsDir;

    @Option(names = "--revoked", paramLabel = "FILE",
            description = "Revoked agent identities, one CN or hex serial per line. Default: revoked.txt in --tls-dir.")
    Path revoked;

    @Override
    public Integer call() throws Exception {
        Optional<Inventory> loaded = InventoryFile.load(inventory, spec.commandLine().getErr(),
                "rig controller: not starting on an invalid inventory; fix the problems above");
        if (loaded.isEmpty()) {
            return Rig.USAGE_OR_INFRA;
        }
        Inventory inv = loaded.get();
        ControllerServer.Config cfg = new ControllerServer.Config(inv, db, ListenAddress.parse(listen), tlsDir, revoked);
        ControllerServer server;
        try {
            server = ControllerServer.startLab(cfg, ListenAddress.parse(admin));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("rig controller: " + e.getMessage());
            return Rig.USAGE_OR_INFRA;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        spec.commandLine().getErr().println("rig controller: lab " + inv.lab() + ", " + inv.hosts().size()
                + " hosts, listening on " + server.transport().address() + (tlsDir == null ? " (plaintext, loopback)"
                : " (mutual TLS)") + ", store " + db.replaceAll("password=[^&]*", "password=***"));
        server.adminUrl().ifPresent(u -> spec.commandLine().getErr().println("rig controller: admin API at " + u
                + "/api, metrics at " + u + "/metrics"));
        stop.await();
        return Rig.OK;
    }
}
