package io.vfiorig.controller;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.controller.fleet.Fleet;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.FleetSettings;
import io.vfiorig.controller.fleet.OrderChannel;
import io.vfiorig.controller.http.ControllerHttp;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.metrics.IngestMetrics;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.transport.TransportServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The controller, assembled: result store, agent transport and the fleet (leases, health, schedule,
 * metrics) the transport reports to. {@link #startLab} is the whole controller ({@code rig controller},
 * {@code rig demo}); {@link #start} builds the fleet from a function of the order channel, so the
 * transport runs without one ({@link #NO_FLEET}) in tests and benchmarks.
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
    private final ControllerHttp http; // null without a fleet

    private ControllerServer(Config config, ResultStore store, TransportServer transport, ControllerHttp http) {
        this.config = config;
        this.store = store;
        this.transport = transport;
        this.http = http;
    }

    /** Checks the listen address and TLS files, opens the store (migrating it), then listens. */
    public static ControllerServer start(Config c, Function<OrderChannel, FleetEvents> fleetOf) {
        TransportServer.checkListen(c.listen(), c.tlsDir()); // before the store file is created
        ResultStore store = ResultStore.open(c.jdbcUrl());
        try {
            return new ControllerServer(c, store, startTransport(c, store, fleetOf), null);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The whole controller: store, transport, the {@link Fleet} (leases, health, nightly schedule),
     * Prometheus metrics (fleet, results, ingest lag) and the admin API with {@code /metrics} on
     * {@code admin} (loopback; port 0 picks a free one).
     */
    public static ControllerServer startLab(Config c, InetSocketAddress admin) {
        return startLab(c, admin, FleetSettings.DEFAULTS);
    }

    /** {@link #startLab(Config, InetSocketAddress)} with the fleet's tunables (e.g. quarantine sooner in a test lab). */
    public static ControllerServer startLab(Config c, InetSocketAddress admin, FleetSettings settings) {
        TransportServer.checkListen(c.listen(), c.tlsDir());
        if (!admin.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin API has no authentication and listens on loopback only, not "
                    + admin.getAddress().getHostAddress() + ": use 127.0.0.1, and let Prometheus scrape through a proxy");
        }
        ResultStore store = ResultStore.open(c.jdbcUrl());
        TransportServer transport = null;
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            IngestMetrics ingest = new IngestMetrics(registry);
            transport = startTransport(c, store,
                    orders -> new Fleet(c.inventory(), store, registry, Clock.systemUTC(), orders, settings).start());
            transport.stats().onStored(ingest::stored);
            ControllerHttp http = ControllerHttp.start((Fleet) transport.fleet(), registry, admin);
            return new ControllerServer(c, store, transport, http);
        } catch (RuntimeException e) {
            if (transport != null) {
                closeFleet(transport);
            }
            store.close();
            throw e;
        }
    }

    private static TransportServer startTransport(Config c, ResultStore store, Function<OrderChannel, FleetEvents> fleetOf) {
        return TransportServer.start(c.inventory(), store, c.listen(), c.tlsDir(), c.revocationsOrDefault(), fleetOf);
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

    /** @return the admin API's base URL ({@code /metrics}, {@code /api/...}), when this controller has a fleet */
    public Optional<String> adminUrl() {
        return Optional.ofNullable(http).map(ControllerHttp::url);
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        closeFleet(transport);
        store.close();
    }

    private static void closeFleet(TransportServer transport) {
        transport.close();
        if (transport.fleet() instanceof AutoCloseable fleet) {
            try {
                fleet.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the fleet", e);
            }
        }
    }
}
