package io.vfiorig.agent.result;

import io.vfiorig.agent.invariant.InvariantOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test of a suite on one device: the unit the rig reports, streams and stores.
 *
 * @param sequence   position in the run (0, 1, ...), assigned by the probe
 * @param suite      suite name ("smoke")
 * @param test       test id, {@code Class.method}
 * @param device     device name as given ({@code sim:bug=slow-fault})
 * @param backend    {@code sim} or {@code vfio}
 * @param status     PASS / FAIL / SKIP / ERROR
 * @param durationMs wall-clock duration
 * @param message    why it failed, was skipped or errored; empty on PASS
 * @param invariants verdict per invariant, with evidence
 * @param latencies  latency distributions
 * @param counters   accesses, faults, sigbus, disruptions, ...
 * @param timeline   revoke-state changes (capped)
 * @param facts      device facts (THP mode, feature numbers used, ...)
 */
public record TestResult(long sequence, String suite, String test, String device, String backend, TestStatus status,
        long durationMs, String message, List<InvariantOutcome> invariants, List<HistogramSummary> latencies,
        Map<String, Long> counters, List<TimelineEvent> timeline, Map<String, String> facts) {

    /** Ids of the invariants this test broke. */
    public List<String> brokenInvariants() {
        return invariants.stream().filter(InvariantOutcome::failed).map(InvariantOutcome::invariant).toList();
    }

    /**
     * This result with {@code outcome} in place of the invariant of the same id (added when absent).
     * A violated invariant fails a test that passed and is named in the message.
     */
    public TestResult withInvariant(InvariantOutcome outcome) {
        List<InvariantOutcome> merged = new ArrayList<>();
        boolean replaced = false;
        for (InvariantOutcome o : invariants) {
            boolean same = o.invariant().equals(outcome.invariant());
            merged.add(same ? outcome : o);
            replaced |= same;
        }
        if (!replaced) {
            merged.add(outcome);
        }
        TestStatus s = status;
        String m = message;
        if (outcome.failed()) {
            s = status == TestStatus.PASS ? TestStatus.FAIL : status;
            String line = outcome.invariant() + ": " + outcome.summary();
            m = message.isEmpty() ? "broken invariants:\n" + line : message + "\n" + line;
        }
        return new TestResult(sequence, suite, test, device, backend, s, durationMs, m, List.copyOf(merged), latencies,
                counters, timeline, facts);
    }

    public TestResult withFacts(Map<String, String> newFacts) {
        return new TestResult(sequence, suite, test, device, backend, status, durationMs, message, invariants, latencies,
                counters, timeline, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newFacts)));
    }

    public TestResult withSequence(long seq) {
        return new TestResult(seq, suite, test, device, backend, status, durationMs, message, invariants, latencies,
                counters, timeline, facts);
    }
}
