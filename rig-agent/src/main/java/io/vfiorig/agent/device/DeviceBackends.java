package io.vfiorig.agent.device;

import io.vfiorig.agent.device.sim.SimDevice;

/** Opens a {@link DeviceUnderTest} from its command-line spec; the one place that knows every backend. */
public final class DeviceBackends {
    public static final String KNOWN = "sim[:bug=NAME,size=BYTES]";

    private DeviceBackends() {}

    public static DeviceUnderTest open(DeviceSpec spec) {
        return switch (spec.backend()) {
            case "sim" -> new SimDevice(spec);
            default -> throw new IllegalArgumentException("unknown device backend '" + spec.backend() + "' in '"
                    + spec.text() + "'; known: " + KNOWN);
        };
    }

    /** Validates a spec without opening anything (for argument checking before a run starts). */
    public static void validate(DeviceSpec spec) {
        switch (spec.backend()) {
            case "sim" -> SimDevice.validate(spec);
            default -> throw new IllegalArgumentException("unknown device backend '" + spec.backend() + "' in '"
                    + spec.text() + "'; known: " + KNOWN);
        }
    }
}
