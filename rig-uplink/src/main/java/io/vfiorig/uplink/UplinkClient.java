package io.vfiorig.uplink;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.Hello;
import io.vfiorig.proto.RunBegun;
import io.vfiorig.proto.RunOrder;
import io.vfiorig.proto.UplinkGrpc;
import io.vfiorig.wire.TlsFiles;
import io.vfiorig.wire.WireLimits;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps an agent connected to its controller: dials, says hello, replays the spool from the oldest
 * unacknowledged report, sends new ones as they are spooled, and on any disconnect starts over after
 * a backoff. Nothing is lost while the controller is away: reports wait in the spool.
 */
public final class UplinkClient implements AutoCloseable {
    private static final long WELCOME_SECONDS = 30;

    private final ManagedChannel channel;
    private final Spool spool;
    private final Supplier<Hello> hello;
    private final Consumer<RunOrder> orders;
    private final PrintStream log;
    private final Thread thread;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    private volatile Session session;
    private volatile boolean closed;
    private volatile Status lastError;

    /**
     * @param channel to the controller (see {@link #channel})
     * @param hello   built afresh for each connection (devices may change)
     * @param orders  takes run orders; must not block
     */
    public UplinkClient(ManagedChannel channel, Spool spool, Supplier<Hello> hello, Consumer<RunOrder> orders,
            PrintStream log) {
        this.channel = channel;
        this.spool = spool;
        this.hello = hello;
        this.orders = orders;
        this.log = log;
        // Virtual: a process hosting many uplinks (a fleet simulator, a multi-device agent) parks them
        // cheaply; one real agent does not care.
        this.thread = Thread.ofVirtual().name("uplink").unstarted(this::run);
    }

    /**
     * A channel to {@code target} ({@code host:port}): mutual TLS when {@code tls} is given, else
     * plaintext, which the controller only offers on loopback.
     */
    public static ManagedChannel channel(String target, TlsFiles tls) {
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(target)
                .maxInboundMessageSize(WireLimits.MAX_MESSAGE_BYTES)
                .keepAliveTime(WireLimits.HEARTBEAT_SECONDS, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS);
        if (tls != null) {
            b.sslContext(tls.clientContext()).negotiationType(NegotiationType.TLS);
        } else {
            b.usePlaintext();
        }
        return b.build();
    }

    public UplinkClient start() {
        thread.start();
        return this;
    }

    /** Tells the controller a run began (not spooled: only the fleet's bookkeeping needs it). */
    public void runBegun(String runId) {
        Session s = session;
        if (s != null) {
            s.send(AgentMessage.newBuilder().setRunBegun(RunBegun.newBuilder().setRunId(runId)).build());
        }
    }

    /** @return whether a stream is up and welcomed */
    public boolean connected() {
        Session s = session;
        return s != null && s.ended() == null;
    }

    /** @return why the last connection ended or failed, or null */
    public Status lastError() {
        return lastError;
    }

    private void run() {
        while (!closed) {
            Status why = connectOnce();
            if (closed) {
                return;
            }
            lastError = why;
            long delay = backoff.nextDelayMillis();
            log.println("rig agent: controller stream ended (" + describe(why) + "); reconnecting in " + delay + " ms");
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Status connectOnce() {
        Session s = new Session(spool, orders);
        // gRPC's own reconnect backoff grows to minutes; ours decides when to dial again.
        channel.resetConnectBackoff();
        try (SpoolReader reader = spool.reader()) {
            UplinkGrpc.newStub(channel).connect(s);
            s.send(AgentMessage.newBuilder().setHello(hello.get()).build());
            if (!s.awaitWelcome(WELCOME_SECONDS)) {
                s.cancel("no welcome");
                return s.ended() != null ? s.ended() : Status.DEADLINE_EXCEEDED.withDescription("no welcome in "
                        + WELCOME_SECONDS + " s");
            }
            session = s;
            backoff.reset();
            log.println("rig agent: connected; replaying what the controller has not acknowledged");
            s.pump(reader);
            return s.ended();
        } catch (InterruptedException e) {
            s.cancel("agent stopping");
            return Status.CANCELLED;
        } catch (Exception e) {
            s.cancel("agent error");
            return Status.INTERNAL.withDescription(e.toString());
        } finally {
            session = null;
        }
    }

    private static String describe(Status s) {
        return s == null ? "unknown" : s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }

    @Override
    public void close() {
        closed = true;
        Session s = session;
        if (s != null) {
            s.cancel("agent stopping");
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
