package io.vfiorig.controller.compare;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The recorded values of an HDR histogram as an empirical distribution: its quantile function,
 * evaluated by binary search over the non-empty buckets (cheap enough for thousands of bootstrap
 * draws per metric).
 */
final class EmpiricalQuantiles {
    private final long[] values;
    private final long[] cumulative;
    private final long count;

    private EmpiricalQuantiles(long[] values, long[] cumulative, long count) {
        this.values = values;
        this.cumulative = cumulative;
        this.count = count;
    }

    static EmpiricalQuantiles of(Histogram h) {
        long[] v = new long[64];
        long[] c = new long[64];
        int n = 0;
        long sum = 0;
        for (HistogramIterationValue x : h.recordedValues()) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
                c = Arrays.copyOf(c, n * 2);
            }
            sum += x.getCountAtValueIteratedTo();
            // The bucket's highest equivalent value, as HdrHistogram's own percentiles report it.
            v[n] = h.highestEquivalentValue(x.getValueIteratedTo());
            c[n] = sum;
            n++;
        }
        return new EmpiricalQuantiles(Arrays.copyOf(v, n), Arrays.copyOf(c, n), sum);
    }

    long count() {
        return count;
    }

    /** @return the smallest recorded value with at least {@code ceil(u * count)} values at or below it */
    long quantile(double u) {
        long rank = Math.max(1, (long) Math.ceil(u * count));
        int i = Arrays.binarySearch(cumulative, rank);
        return values[i >= 0 ? i : -i - 1];
    }

    long max() {
        return values[values.length - 1];
    }
}
