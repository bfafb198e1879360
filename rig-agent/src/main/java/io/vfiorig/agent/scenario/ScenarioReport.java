package io.vfiorig.agent.scenario;

import io.vfiorig.agent.engine.Metric;
import io.vfiorig.agent.engine.Phase;
import io.vfiorig.agent.engine.RevokeState;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.result.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a scenario observed on one device, before it becomes a {@link TestResult}.
 *
 * @param startNanos  monotonic start of the scenario (timeline is relative to it)
 * @param invariants  verdict per invariant
 * @param latencies   histograms per metric (may be empty)
 * @param counters    counters
 * @param transitions revoke-state changes
 * @param facts       device facts
 */
public record ScenarioReport(long startNanos, List<InvariantOutcome> invariants, Map<Metric, Histogram> latencies,
        Map<String, Long> counters, List<RevokeState.Transition> transitions, Map<String, String> facts) {

    private static final int MAX_TIMELINE = 400;
    /** Fact naming why the scenario did not run on this kernel or device: the test is a SKIP, never a PASS. */
    public static final String SKIP_REASON = "skip_reason";

    public List<InvariantOutcome> broken() {
        return invariants.stream().filter(InvariantOutcome::failed).toList();
    }

    /** Why the scenario did not apply (kernel release, errno, device), or null when it ran. */
    public String skipReason() {
        return facts.get(SKIP_REASON);
    }

    /** A scenario that does not apply here: every invariant SKIP, the reason in the facts. */
    public static ScenarioReport skipped(String reason, Map<String, String> facts) {
        Map<String, String> f = new java.util.LinkedHashMap<>(facts);
        f.put(SKIP_REASON, reason);
        return new ScenarioReport(System.nanoTime(), new io.vfiorig.agent.invariant.InvariantLedger().outcomes(), Map.of(),
                Map.of(), List.of(), f);
    }

    /** One line per broken invariant, for assertion messages and logs. */
    public String describeBroken() {
        return broken().stream().map(o -> o.invariant() + ": " + o.summary()).collect(Collectors.joining("\n"));
    }

    private TimelineEvent timelineEvent(RevokeState.Transition t) {
        Long after = t.firstOutcomeNanos() == 0 ? null : Math.max(0, (t.firstOutcomeNanos() - t.nanos()) / 1000);
        return new TimelineEvent(Math.max(0, (t.nanos() - startNanos) / 1000), t.phase().name(), t.cause(),
                t.phase() == Phase.REVOKING ? after : null, t.phase() == Phase.RESTORING ? after : null);
    }

    public TestResult toResult(String suite, String test, String device, String backend, long durationMs) {
        TestStatus status = !broken().isEmpty() ? TestStatus.FAIL : skipReason() != null ? TestStatus.SKIP : TestStatus.PASS;
        List<HistogramSummary> hist = new ArrayList<>();
        latencies.forEach((m, h) -> hist.add(HistogramSummary.of(m.id(), h)));
        List<TimelineEvent> timeline = transitions.stream().limit(MAX_TIMELINE).map(this::timelineEvent).toList();
        String message = switch (status) {
            case PASS -> "";
            case SKIP -> "skipped: " + skipReason();
            default -> "broken invariants:\n" + describeBroken();
        };
        return new TestResult(0, suite, test, device, backend, status, durationMs, message, invariants, hist,
                counters, timeline, facts);
    }
}
