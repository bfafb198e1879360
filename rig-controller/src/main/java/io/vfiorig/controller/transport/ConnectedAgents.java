package io.vfiorig.controller.transport;

import io.vfiorig.controller.fleet.OrderChannel;
import io.vfiorig.controller.fleet.RunOrder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live stream of each connected host; delivers the fleet's run orders on it. */
final class ConnectedAgents implements OrderChannel {
    private final ConcurrentHashMap<String, AgentStream> streams = new ConcurrentHashMap<>();

    /** The newest stream of a host wins: the older one is usually a dead connection not yet noticed. */
    void register(String host, AgentStream s) {
        AgentStream old = streams.put(host, s);
        if (old != null && old != s) {
            old.replaced();
        }
    }

    /** @return whether {@code s} was the host's current stream (so the host is now disconnected) */
    boolean unregister(String host, AgentStream s) {
        return streams.remove(host, s);
    }

    Set<String> hosts() {
        return Set.copyOf(streams.keySet());
    }

    @Override
    public boolean send(RunOrder order) {
        AgentStream s = streams.get(order.host());
        return s != null && s.order(io.vfiorig.proto.RunOrder.newBuilder().setRunId(order.runId())
                .setSuite(order.suite()).addAllDevices(order.devices()).setReason(order.reason()).setKernel(order.kernel()).build());
    }
}
