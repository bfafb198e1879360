package io.vfiorig.agent.engine;

/** Latency distributions the engine records, all in nanoseconds. */
public enum Metric {
    /** First touch of a page after it was zapped: a page fault. */
    FAULT("fault_latency"),
    /** Access to a page that is already mapped. */
    STEADY("steady_latency"),
    /** From the start of a revoke to a thread's first SIGBUS. */
    REVOKE_TO_SIGBUS("revoke_to_sigbus"),
    /** From the start of a restore to a thread's first successful access. */
    RESTORE_TO_SUCCESS("restore_to_success");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
