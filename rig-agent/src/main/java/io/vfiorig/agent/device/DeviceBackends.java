package io.vfiorig.agent.device;

import io.vfiorig.agent.device.sim.SimDevice;
import io.vfiorig.agent.device.vfio.VfioDevice;
import io.vfiorig.agent.device.vfio.VfioOptions;
import io.vfiorig.agent.vm.guest.GuestPlan;

/** Opens a {@link DeviceUnderTest} from its command-line spec; the one place that knows every backend. */
public final class DeviceBackends {
    public static final String KNOWN = "sim[:bug=NAME,size=BYTES], " + VfioOptions.USAGE + ", "
            + GuestPlan.USAGE;

    private DeviceBackends() {}

    public static DeviceUnderTest open(DeviceSpec spec) {
        return switch (spec.backend()) {
            case "sim" -> new SimDevice(spec);
            case "vfio" -> new VfioDevice(spec);
            // a vm device is opened inside its guest (as vfio:BDF), never in this JVM
            case GuestPlan.BACKEND -> throw new IllegalArgumentException("device '" + spec.text() + "' runs inside a"
                    + " virtual lab host: run it through io.vfiorig.agent.vm.guest.GuestProbe (rig run --device "
                    + spec.text() + " --kernel PATH|debian:SERIES), not in a probe");
            default -> throw new IllegalArgumentException("unknown device backend '" + spec.backend() + "' in '"
                    + spec.text() + "'; known: " + KNOWN);
        };
    }

    /** Validates a spec without opening anything (for argument checking before a run starts). */
    public static void validate(DeviceSpec spec) {
        switch (spec.backend()) {
            case "sim" -> SimDevice.validate(spec);
            case "vfio" -> VfioDevice.validate(spec);
            case GuestPlan.BACKEND -> GuestPlan.validate(spec);
            default -> throw new IllegalArgumentException("unknown device backend '" + spec.backend() + "' in '"
                    + spec.text() + "'; known: " + KNOWN);
        }
    }
}
