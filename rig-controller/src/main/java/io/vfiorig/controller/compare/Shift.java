package io.vfiorig.controller.compare;

/**
 * How far a metric moved from baseline to candidate, relative to the baseline, with a confidence
 * interval: {@code +0.25} is 25 % higher.
 *
 * @param baseline   the baseline's value (ns, or faults per second)
 * @param candidate  the candidate's value
 * @param relative   {@code candidate / baseline - 1}
 * @param low        lower end of the confidence interval of {@code relative}
 * @param high       upper end
 * @param confidence the interval's confidence (0.95)
 */
public record Shift(double baseline, double candidate, double relative, double low, double high, double confidence) {

    /** @return the relative shift in the worsening direction, with its interval, as {@code [rel, low, high]} */
    Shift worsening(boolean higherIsWorse) {
        if (higherIsWorse) {
            return this;
        }
        return new Shift(baseline, candidate, -relative, -high, -low, confidence);
    }
}
