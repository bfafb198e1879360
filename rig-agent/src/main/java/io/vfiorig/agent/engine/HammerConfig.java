package io.vfiorig.agent.engine;

import java.time.Duration;

/**
 * How a hammer run is shaped.
 *
 * @param threads     hammer threads (default: available processors)
 * @param pattern     page walk order
 * @param duration    how long to hammer
 * @param watchdog    a thread silent for longer than this is stuck
 * @param refault     zap each thread's slice with MADV_DONTNEED before every pass, so that every
 *                    pass takes real faults
 */
public record HammerConfig(int threads, AccessPattern pattern, Duration duration, Duration watchdog,
        boolean refault) {

    public static HammerConfig defaults() {
        return new HammerConfig(Runtime.getRuntime().availableProcessors(), AccessPattern.SEQUENTIAL,
                Duration.ofSeconds(2), Duration.ofSeconds(5), true);
    }

    public HammerConfig withThreads(int n) {
        return new HammerConfig(n, pattern, duration, watchdog, refault);
    }

    public HammerConfig withPattern(AccessPattern p) {
        return new HammerConfig(threads, p, duration, watchdog, refault);
    }

    public HammerConfig withDuration(Duration d) {
        return new HammerConfig(threads, pattern, d, watchdog, refault);
    }

    public HammerConfig withWatchdog(Duration w) {
        return new HammerConfig(threads, pattern, duration, w, refault);
    }

    /** Scales duration by the {@code rig.duration.scale} system property (nightly runs longer). */
    public HammerConfig scaled(double factor) {
        long ms = Math.max(100, (long) (duration.toMillis() * factor));
        return withDuration(Duration.ofMillis(ms));
    }
}
