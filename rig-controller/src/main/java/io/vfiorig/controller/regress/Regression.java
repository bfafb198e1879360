package io.vfiorig.controller.regress;

/**
 * A metric that got worse in the nightly history and, unless {@code fixedBy} is set, stayed worse.
 *
 * @param testId        the test
 * @param metric        e.g. {@code fault_latency p99}
 * @param deviceModel   device model
 * @param backend       backend
 * @param suite         suite
 * @param hostClass     host class, or {@code null}
 * @param lastGood      the last run before the change
 * @param firstBad      the first run after it
 * @param before        median of the metric before the change
 * @param after         median after it
 * @param relativeShift {@code after / before - 1}
 * @param pValue        the Mann-Whitney p-value of before vs after
 * @param open          true until a later run is good again
 * @param fixedBy       the first run of the level that is good again, or {@code null} while open
 */
public record Regression(String testId, String metric, String deviceModel, String backend, String suite, String hostClass,
        PointRef lastGood, PointRef firstBad, double before, double after, double relativeShift, double pValue, boolean open,
        PointRef fixedBy) {}
