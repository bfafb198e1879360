package io.vfiorig.controller.compare;

import java.util.List;

/**
 * The result of comparing a candidate run set with a baseline: what a table, a JSON file or a
 * report shows.
 *
 * @param baseline          the baseline's label (run id, commit, kernel)
 * @param candidate         the candidate's label
 * @param platform          the platform both ran on (the baseline's when they differ)
 * @param baselineRuns      run ids on the baseline side
 * @param candidateRuns     run ids on the candidate side
 * @param baselineKernel    kernel release of the baseline
 * @param candidateKernel   kernel release of the candidate
 * @param comparable        false when the platforms differ: then nothing was compared
 * @param notComparableBecause what differs, when not comparable
 * @param verdict           the worst over the tests (skip when nothing could be judged)
 * @param tests             per test
 */
public record Comparison(String baseline, String candidate, Platform platform, List<String> baselineRuns,
        List<String> candidateRuns, String baselineKernel, String candidateKernel, boolean comparable,
        List<String> notComparableBecause, Verdict verdict, List<TestComparison> tests) {

    /** @return the tests with this verdict */
    public List<TestComparison> testsWith(Verdict v) {
        return tests.stream().filter(t -> t.verdict() == v).toList();
    }
}
