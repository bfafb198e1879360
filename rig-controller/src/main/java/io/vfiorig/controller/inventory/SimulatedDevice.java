package io.vfiorig.controller.inventory;

import java.util.List;

/**
 * A simulated device, run by the controller's local agent.
 *
 * @param device the spec as {@code rig run --device} takes it, e.g. {@code sim} or {@code sim:bug=slow-fault}
 * @param suites the suites allowed to run on it
 */
public record SimulatedDevice(String device, List<String> suites) {
    public SimulatedDevice {
        suites = List.copyOf(suites);
    }
}
