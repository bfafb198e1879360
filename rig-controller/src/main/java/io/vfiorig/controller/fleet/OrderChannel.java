package io.vfiorig.controller.fleet;

/** Implemented by the transport: delivers orders on an agent's stream. Called by the fleet. */
public interface OrderChannel {
    /** @return false when the order's host has no connected agent (the order is not queued). */
    boolean send(RunOrder order);
}
