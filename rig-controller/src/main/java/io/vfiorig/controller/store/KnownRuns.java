package io.vfiorig.controller.store;

import io.vfiorig.agent.result.TestResult;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs this store has committed or checked, with their headers and the tests listed for them in
 * {@code run_tests}: a run's later batches skip reading its row back to compare headers, and skip
 * listing tests already listed (runs are never deleted while the controller runs). Bounded: a
 * forgotten run is only read, and its tests listed, again. Thread-safe.
 */
final class KnownRuns {
    private static final int MAX = 4096;

    private record Key(String agent, String runId) {}

    /** A test of a run as {@code run_tests} lists it. */
    record RunTest(String testId, String backend) {
        static RunTest of(TestResult r) {
            return new RunTest(r.test(), r.backend());
        }
    }

    private record Known(RunHeader header, Set<RunTest> tests) {}

    private final Map<Key, Known> runs = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Known> eldest) {
            return size() > MAX;
        }
    };

    /** @return whether the run is stored with exactly this header */
    synchronized boolean stored(String agent, String runId, RunHeader header) {
        Known k = runs.get(new Key(agent, runId));
        return k != null && k.header().equals(header);
    }

    /** @return whether the run's {@code run_tests} entry for this test is committed */
    synchronized boolean listed(String agent, String runId, RunTest test) {
        Known k = runs.get(new Key(agent, runId));
        return k != null && k.tests().contains(test);
    }

    /**
     * Call only after the transaction that inserted or checked the run, and listed these tests of it
     * (or found them listed), has committed.
     */
    synchronized void committed(String agent, String runId, RunHeader header, Collection<RunTest> tests) {
        Known k = runs.get(new Key(agent, runId));
        if (k == null || !k.header().equals(header)) {
            k = new Known(header, new HashSet<>());
            runs.put(new Key(agent, runId), k);
        }
        k.tests().addAll(tests);
    }
}
