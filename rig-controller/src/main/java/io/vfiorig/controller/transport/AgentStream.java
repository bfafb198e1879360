package io.vfiorig.controller.transport;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vfiorig.agent.result.RigVersion;
import io.vfiorig.controller.fleet.AgentHello;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.FoundDevice;
import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.store.RunHeader;
import io.vfiorig.proto.Ack;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.ControllerMessage;
import io.vfiorig.proto.Hello;
import io.vfiorig.proto.Report;
import io.vfiorig.proto.RunOrder;
import io.vfiorig.proto.Welcome;
import io.vfiorig.wire.WireLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One agent's stream on the controller. Hello first (admission), then reports are buffered, stored in
 * batches on the ingest executor and acknowledged. Flow control is manual: the controller asks gRPC
 * for more messages only as it stores them, so a fast agent waits instead of filling memory.
 */
final class AgentStream implements StreamObserver<AgentMessage> {
    private static final int MAX_BATCH = 512;

    private final ServerCallStreamObserver<ControllerMessage> out;
    private final PeerCertificate peer;
    private final TransportContext ctx;
    private final HeaderCache headers = new HeaderCache();
    private RunHeader devicesChecked; // the header whose devices passed last: a run's reports share one
    /** A buffered report; {@code endsMessage} on the last of its message, which gRPC is asked to replace once stored. */
    private record Pending(Report report, boolean endsMessage) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean draining;
    private volatile Host host;
    private volatile boolean closed;

    AgentStream(ServerCallStreamObserver<ControllerMessage> out, PeerCertificate peer, TransportContext ctx) {
        this.out = out;
        this.peer = peer;
        this.ctx = ctx;
        out.disableAutoRequest();
        out.setOnCancelHandler(() -> ended());
        out.request(1); // the hello
    }

    @Override
    public void onNext(AgentMessage m) {
        if (closed) {
            return;
        }
        try {
            if (m == LenientParsing.MALFORMED) {
                throw Status.INVALID_ARGUMENT.withDescription("received bytes that are not an uplink AgentMessage "
                        + "(protobuf parse failed); is the peer a vfio-rig agent of a compatible version?").asException();
            }
            if (m.getSerializedSize() > WireLimits.MAX_MESSAGE_BYTES) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("message of " + m.getSerializedSize()
                        + " bytes exceeds maximum " + WireLimits.MAX_MESSAGE_BYTES + " bytes; nothing of it was stored")
                        .asException();
            }
            if (host == null) {
                hello(m);
                return;
            }
            switch (m.getKindCase()) {
                case REPORT -> enqueue(List.of(m.getReport()));
                case REPORTS -> {
                    if (m.getReports().getReportsCount() == 0 || m.getReports().getReportsCount() > WireLimits.MAX_REPORTS_PER_MESSAGE) {
                        throw Status.INVALID_ARGUMENT.withDescription(m.getReports().getReportsCount() + " reports in one message;"
                                + " 1 to " + WireLimits.MAX_REPORTS_PER_MESSAGE + " are allowed").asException();
                    }
                    enqueue(m.getReports().getReportsList());
                }
                case HEARTBEAT -> {
                    ctx.admission().recheck(peer, host);
                    ctx.fleet().agentHeartbeat(host.name());
                    out.request(1);
                }
                case RUN_BEGUN -> {
                    ctx.fleet().runStarted(host.name(), m.getRunBegun().getRunId());
                    out.request(1);
                }
                case HELLO -> throw Status.INVALID_ARGUMENT.withDescription("a second hello on one stream").asException();
                case KIND_NOT_SET -> throw Status.INVALID_ARGUMENT
                        .withDescription("empty or unknown message (is the agent newer than this controller?)").asException();
            }
        } catch (StatusException e) {
            fail(e.getStatus());
        }
    }

    private void hello(AgentMessage m) throws StatusException {
        if (!m.hasHello()) {
            throw Status.INVALID_ARGUMENT.withDescription("the first message of a stream must be a hello").asException();
        }
        Hello h = m.getHello();
        Host admitted = ctx.admission().admit(peer, h);
        host = admitted;
        ctx.agents().register(admitted.name(), this);
        send(ControllerMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setControllerVersion(RigVersion.get())
                .setMaxMessageBytes(WireLimits.MAX_MESSAGE_BYTES)
                .setHeartbeatSeconds(WireLimits.HEARTBEAT_SECONDS)).build());
        ctx.fleet().agentConnected(new AgentHello(admitted.name(), h.getKernelRelease(), h.getRigVersion(),
                h.getDevicesList().stream().map(d -> new FoundDevice(d.getBdf(), d.getVendorDevice(), d.getIommuGroup(),
                        d.getDriver())).toList()));
        out.request(WireLimits.CONTROLLER_WINDOW);
    }

    /** Buffers one message's reports. */
    private void enqueue(List<Report> reports) {
        boolean start;
        synchronized (pending) {
            for (int i = 0; i < reports.size(); i++) {
                pending.add(new Pending(reports.get(i), i == reports.size() - 1));
            }
            start = !draining;
            draining = true;
        }
        if (start) {
            ctx.ingestExecutor().execute(this::drain);
        }
    }

    /**
     * Hands what is buffered to the group committer, one batch at a time per stream (its order holds);
     * when the batch is stored its acks go out, gRPC is asked for as many messages, and the next batch follows.
     */
    private void drain() {
        if (closed) {
            return;
        }
        List<Report> batch = new ArrayList<>();
        int messagesEnded = 0;
        synchronized (pending) {
            while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
                Pending p = pending.poll();
                batch.add(p.report());
                messagesEnded += p.endsMessage() ? 1 : 0;
            }
            if (batch.isEmpty()) {
                draining = false;
                return;
            }
        }
        List<ParsedReport> parsed = new ArrayList<>(batch.size());
        try {
            for (Report r : batch) {
                ParsedReport p = ParsedReport.of(r, headers);
                if (p.header() != devicesChecked) {
                    ctx.admission().checkDevices(host, p.header().device());
                    devicesChecked = p.header();
                }
                parsed.add(p);
            }
        } catch (StatusException e) {
            fail(e.getStatus());
            return;
        }
        int messagesDone = messagesEnded; // gRPC counts messages, not reports
        CompletableFuture<List<Ack>> done = new CompletableFuture<>();
        done.whenComplete((acks, error) -> {
            if (error != null) {
                fail(Status.fromThrowable(error));
                return;
            }
            for (Ack a : acks) {
                send(ControllerMessage.newBuilder().setAck(a).build());
            }
            if (!closed) {
                if (messagesDone > 0) {
                    out.request(messagesDone);
                }
                ctx.ingestExecutor().execute(this::drain);
            }
        });
        ctx.committer().submit(new ReportIngest.Job(host.name(), parsed, done));
    }

    /** @return false when the stream is gone */
    boolean order(RunOrder order) {
        if (closed) {
            return false;
        }
        send(ControllerMessage.newBuilder().setOrder(order).build());
        return !closed;
    }

    /** Ends this stream because a newer one of the same host took over. */
    void replaced() {
        fail(Status.ABORTED.withDescription("a newer stream of host " + host.name() + " took over"));
    }

    private void send(ControllerMessage m) {
        synchronized (out) {
            if (!closed) {
                out.onNext(m);
            }
        }
    }

    private void fail(Status s) {
        synchronized (out) {
            if (closed) {
                return;
            }
            closed = true;
            if (s.getCode() != Status.Code.ABORTED && s.getCode() != Status.Code.UNAVAILABLE) {
                ctx.stats().refused();
            }
            try {
                out.onError(s.asRuntimeException());
            } catch (IllegalStateException alreadyClosed) {
                // The call ended meanwhile.
            }
        }
        ended();
    }

    private void ended() {
        closed = true;
        synchronized (pending) {
            pending.clear();
        }
        Host h = host;
        if (h != null && ctx.agents().unregister(h.name(), this)) {
            ctx.fleet().agentDisconnected(h.name());
        }
    }

    @Override
    public void onError(Throwable t) {
        ended();
    }

    @Override
    public void onCompleted() {
        synchronized (out) {
            if (!closed) {
                closed = true;
                out.onCompleted();
            }
        }
        ended();
    }

    interface TransportContext {
        Admission admission();

        GroupCommitter committer();

        ConnectedAgents agents();

        FleetEvents fleet();

        Executor ingestExecutor();

        IngestStats stats();
    }
}
