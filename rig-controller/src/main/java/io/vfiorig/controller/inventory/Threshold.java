package io.vfiorig.controller.inventory;

/**
 * When a metric's shift counts as a regression.
 *
 * @param relativeShift the smallest shift that matters, as a fraction of the baseline (0.1 = 10 %)
 * @param confidence    the confidence the shift must be established with (e.g. 0.95)
 */
public record Threshold(double relativeShift, double confidence) {
    /** A 10 % shift at 95 % confidence: used where the inventory says nothing. */
    public static final Threshold DEFAULT = new Threshold(0.10, 0.95);
}
