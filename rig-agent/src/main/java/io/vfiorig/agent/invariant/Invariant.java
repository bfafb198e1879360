package io.vfiorig.agent.invariant;

/** The promises the kernel must keep, each checked with evidence. */
public enum Invariant {
    NO_ACCESS_WHILE_REVOKED("no-access-while-revoked",
            "no access succeeds while the mapping is revoked"),
    ACCESS_RESTORED("access-restored-after-restore",
            "access works again within the bound after restore, and never SIGBUSes while not revoked"),
    DATA_CORRECT("data-correct-after-restore",
            "register and pattern data read correctly after every restore"),
    NO_STUCK_THREAD("no-stuck-thread",
            "no hammer or disruptor thread is stuck longer than the watchdog"),
    FAULT_SIZE("fault-size-as-expected",
            "the number of faults for a 2 MiB region matches the expected mapping order"),
    FAULT_LATENCY("fault-latency-within-bound",
            "99th percentile fault latency stays within the device profile's bound"),
    KERNEL_LOG_CLEAN("kernel-log-clean",
            "the kernel logged no WARN, BUG, Oops, lockdep, atomic-sleep, hung-task, soft-lockup or RCU-stall report"
                    + " while the test ran"),
    UAPI_ANSWER("uapi-answer-as-owed",
            "each DMA_BUF, series and hot-reset step answers (fd, errno, mapping, SIGBUS) as this kernel owes");

    private final String id;
    private final String description;

    Invariant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
