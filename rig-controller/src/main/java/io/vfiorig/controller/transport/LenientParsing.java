package io.vfiorig.controller.transport;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.ControllerMessage;
import io.vfiorig.proto.UplinkGrpc;
import java.io.InputStream;

/**
 * Binds the service so that bytes which are not an {@link AgentMessage} reach the stream as
 * {@link #MALFORMED} instead of failing inside gRPC (which tells the agent only "Application error
 * processing RPC"): the stream then ends with INVALID_ARGUMENT saying what was wrong.
 */
final class LenientParsing {
    /** Stands for a message that could not be parsed; compared by identity. */
    static final AgentMessage MALFORMED = AgentMessage.newBuilder().build();

    private LenientParsing() {}

    @SuppressWarnings("unchecked")
    static ServerServiceDefinition bind(UplinkService service) {
        MethodDescriptor<AgentMessage, ControllerMessage> strict = UplinkGrpc.getConnectMethod();
        MethodDescriptor.Marshaller<AgentMessage> parser = strict.getRequestMarshaller();
        MethodDescriptor<AgentMessage, ControllerMessage> lenient = strict.toBuilder(
                new MethodDescriptor.Marshaller<AgentMessage>() {
                    @Override
                    public InputStream stream(AgentMessage value) {
                        return parser.stream(value);
                    }

                    @Override
                    public AgentMessage parse(InputStream stream) {
                        try {
                            return parser.parse(stream);
                        } catch (StatusRuntimeException e) {
                            return MALFORMED;
                        }
                    }
                }, strict.getResponseMarshaller()).build();
        ServerServiceDefinition bound = service.bindService();
        ServerCallHandler<AgentMessage, ControllerMessage> handler = (ServerCallHandler<AgentMessage, ControllerMessage>)
                bound.getMethod(strict.getFullMethodName()).getServerCallHandler();
        return ServerServiceDefinition.builder(ServiceDescriptor.newBuilder(UplinkGrpc.SERVICE_NAME).addMethod(lenient).build())
                .addMethod(lenient, handler).build();
    }
}
