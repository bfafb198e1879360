package io.vfiorig.controller;

import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.OrderChannel;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.transport.TransportServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The controller, assembled: result store, agent transport and the fleet (leases, health, schedule,
 * metrics) the transport reports to. The fleet is built by {@code fleetOf} from the channel it sends
 * run orders on, so the controller runs without one ({@link #NO_FLEET}) in tests and benchmarks.
 */
public final class ControllerServer implements AutoCloseable {
    /** A controller that only stores results. */
    public static final Function<OrderChannel, FleetEvents> NO_FLEET = orders -> FleetEvents.NONE;

    /**
     * @param tlsDir      controller TLS directory (ca.pem, controller.pem, controller-key.pem), or null: plaintext, loopback only
     * @param revocations revoked agent identities, one per line, or null (default: {@code revoked.txt} in the TLS directory)
     */
    public record Config(Inventory inventory, String jdbcUrl, InetSocketAddress listen, Path tlsDir, Path revocations) {
        public Path revocationsOrDefault() {
            return revocations != null ? revocations : tlsDir == null ? null : tlsDir.resolve("revoked.txt");
        }
    }

    private final Config config;
    private final ResultStore store;
    private final TransportServer transport;

    private ControllerServer(Config config, ResultStore store, TransportServer transport) {
        this.config = config;
        this.store = store;
        this.transport = transport;
    }

    /** Checks the listen address and TLS files, opens the store (migrating it), then listens. */
    public static ControllerServer start(Config c, Function<OrderChannel, FleetEvents> fleetOf) {
        TransportServer.checkListen(c.listen(), c.tlsDir()); // before the store file is created
        ResultStore store = ResultStore.open(c.jdbcUrl());
        try {
            return new ControllerServer(c, store, TransportServer.start(c.inventory(), store, c.listen(), c.tlsDir(),
                    c.revocationsOrDefault(), fleetOf));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Inventory inventory() {
        return config.inventory();
    }

    public ResultStore store() {
        return store;
    }

    public TransportServer transport() {
        return transport;
    }

    /** @return the fleet built at start (so its HTTP and metrics can be reached) */
    public FleetEvents fleet() {
        return transport.fleet();
    }

    @Override
    public void close() {
        transport.close();
        store.close();
    }
}
