package io.vfiorig.controller.transport;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.OrderChannel;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.wire.TlsFiles;
import io.vfiorig.wire.WireLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The controller's end of the uplink: a gRPC server (mutual TLS, or plaintext on loopback only)
 * admitting agents, storing their reports and delivering run orders. See docs/transport.md.
 */
public final class TransportServer implements AutoCloseable {
    /** Certificate and key names of the controller in a TLS directory. */
    public static final String CERT_NAME = "controller";
    private static final int INGEST_THREADS = 4;
    // Two: while one transaction commits, the next group is gathered (SQLite still writes one at a time).
    private static final int COMMIT_THREADS = 2;

    private final Server server;
    private final ExecutorService ingestPool;
    private final GroupCommitter committer;
    private final ConnectedAgents agents;
    private final IngestStats stats;
    private final FleetEvents fleet;

    private TransportServer(Server server, ExecutorService ingestPool, GroupCommitter committer, ConnectedAgents agents,
            IngestStats stats, FleetEvents fleet) {
        this.server = server;
        this.ingestPool = ingestPool;
        this.committer = committer;
        this.agents = agents;
        this.stats = stats;
        this.fleet = fleet;
    }

    /**
     * @param tls         the controller's TLS directory ({@link #CERT_NAME}), or null for plaintext on loopback
     * @param revocations revoked identities (see {@link Revocations}), or null
     * @param fleetOf     builds the fleet given the channel it sends orders on
     * @throws IllegalArgumentException when asked to listen beyond loopback without TLS, or a TLS file is missing
     */
    public static TransportServer start(Inventory inventory, ResultStore store, InetSocketAddress listen, Path tls,
            Path revocations, Function<OrderChannel, FleetEvents> fleetOf) {
        checkListen(listen, tls);
        ConnectedAgents agents = new ConnectedAgents();
        FleetEvents fleet = fleetOf.apply(agents);
        IngestStats stats = new IngestStats();
        ExecutorService pool = Executors.newFixedThreadPool(INGEST_THREADS, Thread.ofPlatform().name("ingest-", 0)
                .daemon().factory());
        Admission admission = new Admission(inventory, revocations == null ? Revocations.none() : new Revocations(revocations));
        GroupCommitter committer = new GroupCommitter(new ReportIngest(store, fleet, stats), COMMIT_THREADS);
        AgentStream.TransportContext ctx = new AgentStream.TransportContext() {
            @Override public Admission admission() { return admission; }
            @Override public GroupCommitter committer() { return committer; }
            @Override public ConnectedAgents agents() { return agents; }
            @Override public FleetEvents fleet() { return fleet; }
            @Override public ExecutorService ingestExecutor() { return pool; }
            @Override public IngestStats stats() { return stats; }
        };
        NettyServerBuilder b = NettyServerBuilder.forAddress(listen)
                .maxInboundMessageSize(2 * WireLimits.MAX_MESSAGE_BYTES) // beyond MAX: refused by AgentStream, with a clear status
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .keepAliveTime(WireLimits.HEARTBEAT_SECONDS, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(LenientParsing.bind(new UplinkService(ctx)), PeerCertificate.interceptor()));
        if (tls != null) {
            b.sslContext(new TlsFiles(tls, CERT_NAME).serverContext());
        }
        try {
            return new TransportServer(b.build().start(), pool, committer, agents, stats, fleet);
        } catch (IOException e) {
            pool.shutdownNow();
            committer.close();
            throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage()
                    + "; fix: choose a free port with --listen", e);
        }
    }

    /**
     * Refuses plaintext beyond loopback and missing TLS files, before anything is opened or created.
     *
     * @throws IllegalArgumentException saying how to fix it
     */
    public static void checkListen(InetSocketAddress listen, Path tls) {
        if (tls == null && !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing to listen on " + listen + " without TLS: plaintext is only "
                    + "allowed on loopback; fix: give --tls-dir DIR (rig ca init DIR; rig ca issue controller --dir DIR) "
                    + "or listen on 127.0.0.1");
        }
        if (tls != null) {
            new TlsFiles(tls, CERT_NAME).check();
        }
    }

    /** @return where it listens (the real port when asked for port 0) */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().getFirst();
    }

    public OrderChannel orders() {
        return agents;
    }

    public FleetEvents fleet() {
        return fleet;
    }

    public IngestStats stats() {
        return stats;
    }

    /** @return hosts with a live stream now */
    public Set<String> connectedHosts() {
        return agents.hosts();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ingestPool.shutdown();
        try {
            ingestPool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.close();
    }
}
