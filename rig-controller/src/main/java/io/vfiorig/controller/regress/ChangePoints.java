package io.vfiorig.controller.regress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Change points of a nightly series in two stages.
 *
 * <ol>
 * <li><b>Where</b>: PELT (Killick et al. 2012), the exact minimum of the summed squared deviation
 * of {@code log(x)} from each segment's mean plus a penalty per change, with segments of at least
 * {@code minSegment} points. The penalty is {@code 3 σ² ln n} with σ estimated from the median
 * absolute night-to-night difference, so a noisy history needs a bigger step. Unlike binary
 * segmentation it also finds a slowdown that is later fixed (up, then down).</li>
 * <li><b>Whether</b>: each change must pass a Mann-Whitney U test between the segments on its two
 * sides, Bonferroni-corrected for the {@code n} places a change could have been. The test is
 * shifted by the threshold: the earlier segment is first scaled by {@code 1 + minRelativeShift}
 * (or divided by it for a drop), so what must be significant is a change <em>larger than the
 * shift that matters</em>, as in {@code rig compare}, not just any change. The weakest failing change is merged away
 * and the rest re-tested until all pass. Ranks ignore the heavy tails of latency percentiles: one
 * wild night moves no median, so it opens no regression.</li>
 * </ol>
 */
public final class ChangePoints {
    /** A change: the series' level (median) moves from {@code before} to {@code after} at {@code index}. */
    public record Change(int index, double before, double after, double pValue) {
        public double relativeShift() {
            return after / before - 1;
        }
    }

    private final double alpha;
    private final double minRelativeShift;
    private final int minSegment;

    /**
     * @param alpha            significance level (1 - the threshold's confidence)
     * @param minRelativeShift the smallest change of the median that counts (0.1 = 10 %)
     * @param minSegment       the fewest points on each side of a change (a level needs a few nights)
     */
    public ChangePoints(double alpha, double minRelativeShift, int minSegment) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("a segment needs at least 2 points, got " + minSegment);
        }
        this.alpha = alpha;
        this.minRelativeShift = minRelativeShift;
        this.minSegment = minSegment;
    }

    /** @return the changes, in series order, with the medians of the segments around each */
    public List<Change> detect(double[] x) {
        if (x.length < 2 * minSegment) {
            return List.of();
        }
        List<Integer> cuts = pelt(x);
        while (true) {
            List<Change> changes = changes(x, cuts, minRelativeShift);
            int weakest = -1;
            double worstP = -1;
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                boolean passes = Math.min(1, c.pValue() * x.length) < alpha
                        && Math.abs(c.relativeShift()) >= minRelativeShift;
                if (!passes && c.pValue() > worstP) {
                    worstP = c.pValue();
                    weakest = i;
                }
            }
            if (weakest < 0) {
                return changes;
            }
            cuts.remove(weakest);
        }
    }

    private static List<Change> changes(double[] x, List<Integer> cuts, double shift) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            int from = i == 0 ? 0 : cuts.get(i - 1);
            int to = i + 1 < cuts.size() ? cuts.get(i + 1) : x.length;
            int c = cuts.get(i);
            double[] left = Arrays.copyOfRange(x, from, c);
            double[] right = Arrays.copyOfRange(x, c, to);
            double before = median(left);
            double after = median(right);
            double f = after >= before ? 1 + shift : 1 / (1 + shift);
            double[] scaled = Arrays.stream(left).map(v -> v * f).toArray();
            out.add(new Change(c, before, after, new MannWhitneyUTest().mannWhitneyUTest(scaled, right)));
        }
        return out;
    }

    /** Optimal partitioning with PELT's pruning; returns the first index of every new segment. */
    private List<Integer> pelt(double[] x) {
        int n = x.length;
        double[] s1 = new double[n + 1];
        double[] s2 = new double[n + 1];
        double[] diffs = new double[n - 1];
        for (int i = 0; i < n; i++) {
            double y = Math.log(Math.max(x[i], 1e-9));
            s1[i + 1] = s1[i] + y;
            s2[i + 1] = s2[i] + y * y;
            if (i > 0) {
                diffs[i - 1] = Math.abs(y - Math.log(Math.max(x[i - 1], 1e-9)));
            }
        }
        // Night-to-night differences of a steady series have MAD ≈ 0.954 σ (√2 · 0.6745).
        double sigma = Math.max(median(diffs) / 0.954, 1e-6);
        double penalty = 3 * sigma * sigma * Math.log(n);
        double[] best = new double[n + 1];
        int[] last = new int[n + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = -penalty;
        List<Integer> admissible = new ArrayList<>(List.of(0));
        for (int t = minSegment; t <= n; t++) {
            if (t - minSegment >= minSegment) {
                admissible.add(t - minSegment);
            }
            double bestHere = Double.POSITIVE_INFINITY;
            int arg = 0;
            double[] totals = new double[admissible.size()];
            for (int j = 0; j < admissible.size(); j++) {
                int s = admissible.get(j);
                if (t - s < minSegment || best[s] == Double.POSITIVE_INFINITY) {
                    totals[j] = Double.POSITIVE_INFINITY;
                    continue;
                }
                totals[j] = best[s] + cost(s1, s2, s, t) + penalty;
                if (totals[j] < bestHere) {
                    bestHere = totals[j];
                    arg = s;
                }
            }
            best[t] = bestHere;
            last[t] = arg;
            // PELT: a start that is worse by more than the penalty can never become optimal again.
            List<Integer> kept = new ArrayList<>();
            for (int j = 0; j < admissible.size(); j++) {
                if (totals[j] - penalty <= bestHere || totals[j] == Double.POSITIVE_INFINITY) {
                    kept.add(admissible.get(j));
                }
            }
            admissible = kept;
        }
        List<Integer> cuts = new ArrayList<>();
        for (int t = n; last[t] > 0; t = last[t]) {
            cuts.addFirst(last[t]);
        }
        return cuts;
    }

    private static double cost(double[] s1, double[] s2, int from, int to) {
        double m = to - from;
        double sum = s1[to] - s1[from];
        return (s2[to] - s2[from]) - sum * sum / m;
    }

    private static double median(double[] v) {
        return new Median().evaluate(v);
    }
}
