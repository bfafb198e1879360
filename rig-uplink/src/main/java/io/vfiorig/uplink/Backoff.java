package io.vfiorig.uplink;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delay with jitter, so a lab's agents do not all dial a restarted controller at once. */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long next;

    Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.next = minMillis;
    }

    long nextDelayMillis() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    void reset() {
        next = minMillis;
    }
}
