package io.vfiorig.controller.inventory;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.sim.SimBug;
import java.util.Arrays;
import java.util.List;

/** Checks a simulated device spec exactly as {@code rig run --device} would, before any run is planned. */
final class SimSpecs {
    private static final String FIX = "write sim or sim:bug=NAME,size=BYTES; bugs: " + SimBug.known();

    private SimSpecs() {}

    /** @return the spec in the form the backend names the device by */
    static String validate(String text) {
        DeviceSpec spec;
        try {
            spec = DeviceSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadValue(e.getMessage(), FIX);
        }
        if (!spec.backend().equals("sim")) {
            throw new BadValue("'" + Values.shorten(text) + "' is not a simulated device (backend '" + spec.backend() + "')",
                    "real devices go under hosts[].devices, emulated ones under virtual-hosts; here " + FIX);
        }
        try {
            DeviceBackends.validate(spec);
        } catch (IllegalArgumentException e) {
            String bug = spec.option("bug", "none");
            List<String> bugs = Arrays.stream(SimBug.values()).map(SimBug::id).toList();
            String near = bugs.contains(bug) ? null : DidYouMean.closest(bug, bugs).orElse(null);
            throw new BadValue(e.getMessage(), near == null ? FIX
                    : "did you mean " + spec.text().replace("bug=" + bug, "bug=" + near) + "?");
        }
        return spec.text();
    }
}
