package io.vfiorig.agent.device.sim;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Kernel bug classes the sim can imitate, to prove the suites catch them. */
public enum SimBug {
    NONE("none", "a correct device"),
    STALE_MAPPING("stale-mapping", "revoke is announced but the mapping keeps working (a PTE not zapped)"),
    NO_RECOVERY("no-recovery", "SIGBUS continues after restore (revocation never undone)"),
    CORRUPT_AFTER_RESTORE("corrupt-after-restore", "registers wrong after restore"),
    REVOKE_HANG("revoke-hang", "revoke never returns: the thread is stuck in the kernel, D state (like a deadlock on memory_lock)"),
    SLOW_FAULT("slow-fault", "fault latency spikes");

    private final String id;
    private final String description;

    SimBug(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static SimBug parse(String id) {
        for (SimBug bug : values()) {
            if (bug.id.equals(id)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("unknown sim bug '" + id + "'; known: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(SimBug::id).collect(Collectors.joining(", "));
    }
}
