package io.vfiorig.cli;

import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.OrderChannel;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place {@code rig controller} and {@code rig demo} get their fleet (leases, health, schedule,
 * metrics) from. Until the fleet lands the controller only stores results.
 */
final class FleetWiring {
    private FleetWiring() {}

    /** Builds the fleet from the channel it sends run orders on. */
    static Function<OrderChannel, FleetEvents> fleetOf() {
        return ControllerServer.NO_FLEET;
    }

    /** Where the controller's Prometheus endpoint is, once the fleet serves one. */
    static Optional<String> metricsUrl(ControllerServer controller) {
        return Optional.empty();
    }
}
