package io.vfiorig.controller.bisect;

import io.vfiorig.controller.compare.Comparison;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a bisection has done so far; written to {@code bisect-state.json} after every step.
 *
 * @param plan         what was asked
 * @param status       {@link #RUNNING}, {@link #DONE} or {@link #FAILED}
 * @param steps        the kernels tested, in order
 * @param baselineRuns the good kernel's runs every candidate is compared with (grows with repeats)
 * @param culprit      the first bad commit or kernel, when done
 * @param culpritLabel its subject or name
 * @param lastGood     the good neighbour its evidence is compared against
 * @param candidates   when skipped kernels hide the culprit: every kernel it may be
 * @param message      why it failed, or a one-line result
 * @param evidence     the comparison of the culprit with its good neighbour
 */
public record BisectState(BisectPlan plan, String status, List<StepRecord> steps, List<String> baselineRuns,
        String culprit, String culpritLabel, String lastGood, List<String> candidates, String message,
        Comparison evidence) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public BisectState {
        steps = steps == null ? List.of() : List.copyOf(steps);
        baselineRuns = baselineRuns == null ? List.of() : List.copyOf(baselineRuns);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    static BisectState start(BisectPlan plan) {
        return new BisectState(plan, RUNNING, List.of(), List.of(), null, null, null, List.of(), "", null);
    }

    BisectState with(StepRecord step) {
        List<StepRecord> s = new ArrayList<>(steps);
        s.add(step);
        return new BisectState(plan, status, s, baselineRuns, culprit, culpritLabel, lastGood, candidates, message, evidence);
    }

    BisectState withBaseline(List<String> runs) {
        return new BisectState(plan, status, steps, runs, culprit, culpritLabel, lastGood, candidates, message, evidence);
    }

    BisectState failed(String why) {
        return new BisectState(plan, FAILED, steps, baselineRuns, null, null, null, candidates, why, evidence);
    }

    BisectState done(String culprit, String label, String lastGood, List<String> candidates, String message,
            Comparison evidence) {
        return new BisectState(plan, DONE, steps, baselineRuns, culprit, label, lastGood, candidates, message, evidence);
    }

    /** @return the step that tested {@code rev}, if any */
    java.util.Optional<StepRecord> step(String rev) {
        return steps.stream().filter(s -> s.rev().equals(rev)).reduce((a, b) -> b);
    }

    /** @return how many distinct kernels were tested (the verification runs included) */
    public long kernelsTested() {
        return steps.stream().map(StepRecord::rev).distinct().count();
    }
}
