package io.vfiorig.controller.transport;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.ControllerMessage;
import io.vfiorig.proto.UplinkGrpc;

/** The gRPC service: one {@link AgentStream} per call. */
final class UplinkService extends UplinkGrpc.UplinkImplBase {
    private final AgentStream.TransportContext ctx;

    UplinkService(AgentStream.TransportContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ControllerMessage> responses) {
        return new AgentStream((ServerCallStreamObserver<ControllerMessage>) responses, PeerCertificate.current(), ctx);
    }
}
