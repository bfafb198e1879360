package io.vfiorig.controller.report;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.compare.RunSet;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The runs behind a comparison, for its plots: a {@code Comparison} keeps numbers only, the
 * distributions come from the runs' HDR histograms. Either side may be missing (a stored bisection
 * whose runs are gone): then the report shows the numbers without plots.
 *
 * @param baseline the baseline's runs, or {@code null}
 * @param candidate the candidate's runs, or {@code null}
 */
public record ComparedRuns(RunSet baseline, RunSet candidate) {
    /** No runs at hand: tables only. */
    public static final ComparedRuns NONE = new ComparedRuns(null, null);

    /** @return the baseline's distribution of {@code metric} in {@code test}, its repeats added into one */
    public Optional<Histogram> baseline(String test, String metric) {
        return merged(baseline, test, metric);
    }

    /** @return the candidate's, likewise */
    public Optional<Histogram> candidate(String test, String metric) {
        return merged(candidate, test, metric);
    }

    private static Optional<Histogram> merged(RunSet side, String test, String metric) {
        if (side == null) {
            return Optional.empty();
        }
        Histogram sum = null;
        for (RunResults r : side.runs()) {
            for (TestResult t : r.tests()) {
                if (!t.test().equals(test) || t.latencies() == null) {
                    continue;
                }
                for (HistogramSummary h : t.latencies()) {
                    if (h != null && metric.equals(h.metric()) && h.count() > 0 && h.hdr() != null && !h.hdr().isEmpty()) {
                        Histogram d = h.decode();
                        if (sum == null) {
                            sum = d;
                            sum.setAutoResize(true); // a later repeat may reach higher

                        } else {
                            sum.add(d);
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(sum).filter(h -> h.getTotalCount() > 0);
    }
}
