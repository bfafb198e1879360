package io.vfiorig.controller.fleet;

import java.util.Locale;

/**
 * A device's health as the fleet sees it (docs/fleet.md has the state machine). Whether it is
 * leased right now is separate: a healthy device may be leased or free.
 */
public enum DeviceState {
    /** Its last run or health check ended without an infrastructure error: runs may be ordered. */
    HEALTHY,
    /** New, or after an infrastructure error or a lost agent: only a health-check run may use it. */
    UNKNOWN,
    /** Failed its health check too often: nothing runs on it until an operator unquarantines it. */
    QUARANTINED;

    /** The name in the store, the admin API and the {@code state} label of {@code rig_devices}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
