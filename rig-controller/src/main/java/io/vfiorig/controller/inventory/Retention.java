package io.vfiorig.controller.inventory;

/**
 * How long the store keeps things.
 *
 * @param runsDays days a run (its tests, histograms and evidence) is kept
 */
public record Retention(int runsDays) {
    /** 90 days, where the inventory says nothing. */
    public static final Retention DEFAULT = new Retention(90);
}
