package io.vfiorig.agent.engine;

/**
 * Something that disturbs the device while the hammer runs: a revoke and restore, a reset, a
 * close of the device fd. The engine calls {@link #cycle} again and again until the run stops.
 */
public interface Disruptor {
    /** Short id used in results, e.g. {@code revoke-restore}. */
    String name();

    /** One disruption, including its pause before the next; returns early when the run stops. */
    void cycle(DisruptionContext ctx) throws InterruptedException;
}
