package io.vfiorig.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What the transport records as it ingests: {@code rig_ingest_lag_seconds} (histogram: from the
 * moment the agent produced a result to the moment the store committed it) and
 * {@code rig_results_ingested_total}. No labels: lag per agent would grow with the fleet, and the
 * question the histogram answers ("is ingest keeping up?") is fleet-wide.
 */
public final class IngestMetrics {
    /** Bucket bounds: sub-millisecond local commits up to the 1 s target and beyond. */
    static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1)
    };

    private final Timer lag;
    private final Counter ingested;

    public IngestMetrics(MeterRegistry registry) {
        this.lag = Timer.builder("rig.ingest.lag")
                .description("Time from an agent producing a result to the controller storing it")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        this.ingested = Counter.builder("rig.results.ingested")
                .description("Results stored by the controller (replays of stored results not counted)")
                .register(registry);
    }

    /**
     * One stored result that waited {@code lag} (negative lags from clock skew count as zero; null: the
     * agent did not say when it spooled it, so only the count moves).
     */
    public void stored(Duration lag) {
        if (lag != null) {
            this.lag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
        ingested.increment();
    }
}
