package io.vfiorig.controller.compare;

import io.vfiorig.agent.result.RunResults;
import java.util.List;

/**
 * One side of a comparison: one run, or several runs of the same kernel (repeats), on one
 * platform. Repeats let the comparison see run-to-run noise, which one run cannot show.
 *
 * @param label    what the reader calls it: a run id, a commit, a kernel release
 * @param platform where the runs happened (every run must be on it)
 * @param runs     at least one run
 */
public record RunSet(String label, Platform platform, List<RunResults> runs) {
    public RunSet {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a run set needs at least one run: " + label);
        }
    }

    /** A single run, its platform read from its results. */
    public static RunSet of(RunResults r, String hostClass) {
        return new RunSet(r.runId(), Platform.of(r, hostClass), List.of(r));
    }

    /** @return this set with one more run (a repeat) */
    public RunSet plus(RunResults r) {
        List<RunResults> more = new java.util.ArrayList<>(runs);
        more.add(r);
        return new RunSet(label, platform, more);
    }

    /** @return the kernel release of the first run */
    public String kernelRelease() {
        return runs.getFirst().environment().kernelRelease();
    }
}
