package io.vfiorig.uplink;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.ControllerMessage;
import io.vfiorig.proto.Heartbeat;
import io.vfiorig.proto.Report;
import io.vfiorig.proto.Reports;
import io.vfiorig.proto.RunOrder;
import io.vfiorig.wire.WireLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected stream: sends reports within a bounded window of unacknowledged ones (and only while
 * gRPC's transport is ready: backpressure end to end), takes acks into the spool, hands orders on.
 */
final class Session implements ClientResponseObserver<AgentMessage, ControllerMessage> {
    private final Spool spool;
    private final Consumer<RunOrder> orders;
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final ArrayDeque<ReportKey> inFlight = new ArrayDeque<>();
    private final Object monitor = new Object();
    private ClientCallStreamObserver<AgentMessage> out;
    private volatile Status ended;

    Session(Spool spool, Consumer<RunOrder> orders) {
        this.spool = spool;
        this.orders = orders;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
        out = requestStream;
        out.setOnReadyHandler(this::wake);
    }

    @Override
    public void onNext(ControllerMessage m) {
        switch (m.getKindCase()) {
            case WELCOME -> welcomed.countDown();
            case ACK -> {
                spool.acknowledge(m.getAck());
                synchronized (monitor) {
                    while (!inFlight.isEmpty() && spool.acked(inFlight.peekFirst())) {
                        inFlight.removeFirst();
                    }
                    monitor.notifyAll();
                }
            }
            case ORDER -> orders.accept(m.getOrder());
            default -> { } // lease grants and heartbeats: nothing to do on this side yet
        }
    }

    @Override
    public void onError(Throwable t) {
        end(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end(Status.UNAVAILABLE.withDescription("the controller closed the stream"));
    }

    private void end(Status s) {
        ended = s;
        welcomed.countDown();
        wake();
    }

    boolean awaitWelcome(long seconds) throws InterruptedException {
        return welcomed.await(seconds, TimeUnit.SECONDS) && ended == null;
    }

    Status ended() {
        return ended;
    }

    /** Sends any message; serialised, since a gRPC stream takes one writer at a time. */
    void send(AgentMessage m) {
        synchronized (monitor) {
            if (ended == null) {
                out.onNext(m);
            }
        }
    }

    /**
     * Replays and sends the spool until the stream ends: never more than the window unacknowledged,
     * never faster than the transport drains.
     */
    void pump(SpoolReader reader) throws Exception {
        long nextBeat = 0;
        Report held = null; // read, but did not fit the last message
        while (ended == null) {
            long now = System.nanoTime();
            if (now - nextBeat > 0) {
                send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setSentAtEpochMs(System.currentTimeMillis())).build());
                nextBeat = now + TimeUnit.SECONDS.toNanos(WireLimits.HEARTBEAT_SECONDS);
            }
            int room;
            synchronized (monitor) {
                room = WireLimits.AGENT_WINDOW - inFlight.size();
                if (!out.isReady() || room <= 0) {
                    monitor.wait(200);
                    continue;
                }
            }
            long version = spool.version();
            // What the spool has ready, up to a message's worth: one message per report would make
            // gRPC's per-message work the bottleneck of a backlog.
            List<Report> batch = new ArrayList<>();
            long bytes = 0;
            while (batch.size() < Math.min(room, WireLimits.MAX_REPORTS_PER_MESSAGE)) {
                Report r = held != null ? held : reader.next();
                held = null;
                if (r == null) {
                    break;
                }
                long size = r.getSerializedSize() + 16L; // the repeated field's tag and length
                if (!batch.isEmpty() && bytes + size > WireLimits.MAX_REPORT_BYTES) {
                    held = r;
                    break;
                }
                batch.add(r);
                bytes += size;
            }
            if (batch.isEmpty()) {
                spool.awaitAppend(version, 200);
                continue;
            }
            AgentMessage m = batch.size() == 1 ? AgentMessage.newBuilder().setReport(batch.getFirst()).build()
                    : AgentMessage.newBuilder().setReports(Reports.newBuilder().addAllReports(batch)).build();
            synchronized (monitor) {
                if (ended != null) {
                    return;
                }
                for (Report r : batch) {
                    inFlight.addLast(ReportKey.of(r));
                }
                out.onNext(m);
            }
        }
    }

    void cancel(String why) {
        synchronized (monitor) {
            if (ended == null) {
                out.cancel(why, null);
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
