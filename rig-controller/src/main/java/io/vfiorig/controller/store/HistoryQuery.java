package io.vfiorig.controller.store;

import java.util.Objects;

/**
 * Which history to read: one metric of one test on one device model and backend, optionally
 * narrowed to a suite and a host class (baselines compare like with like).
 *
 * @param testId      {@code Class.method}
 * @param metric      {@code fault_latency}, {@code revoke_to_sigbus}, ...
 * @param deviceModel device model
 * @param backend     backend
 * @param suite       suite, or {@code null} for any
 * @param hostClass   host class, or {@code null} for any
 * @param limit       at most this many points: the newest ones
 */
public record HistoryQuery(String testId, String metric, String deviceModel, String backend, String suite,
        String hostClass, int limit) {

    public HistoryQuery {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(deviceModel, "deviceModel");
        Objects.requireNonNull(backend, "backend");
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, got " + limit);
        }
    }

    /** @return the query for any suite and host class */
    public static HistoryQuery of(String testId, String metric, String deviceModel, String backend, int limit) {
        return new HistoryQuery(testId, metric, deviceModel, backend, null, null, limit);
    }

    /** @return this query narrowed to {@code suite} */
    public HistoryQuery inSuite(String suite) {
        return new HistoryQuery(testId, metric, deviceModel, backend, suite, hostClass, limit);
    }

    /** @return this query narrowed to {@code hostClass} */
    public HistoryQuery onHostClass(String hostClass) {
        return new HistoryQuery(testId, metric, deviceModel, backend, suite, hostClass, limit);
    }
}
