package io.vfiorig.controller.store;

/**
 * One nightly history the store holds: a latency metric of a test on a device model, backend,
 * suite and host class ({@code null} when the runs were not classified).
 */
public record SeriesKey(String testId, String metric, String deviceModel, String backend, String suite, String hostClass) {

    /** @return the query reading this history's newest {@code limit} points */
    public HistoryQuery query(int limit) {
        HistoryQuery q = HistoryQuery.of(testId, metric, deviceModel, backend, limit).inSuite(suite);
        return hostClass == null ? q : q.onHostClass(hostClass);
    }
}
