package io.vfiorig.agent.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Per-thread HDR recorders (no contention on the hot path), merged per interval by one reader
 * into cumulative histograms.
 */
public final class LatencyRecorders {
    /** The recorders one hammer thread writes to. */
    public static final class PerThread {
        private final EnumMap<Metric, SingleWriterRecorder> recorders = new EnumMap<>(Metric.class);
        // Each recorder only takes back the interval histograms it handed out.
        private final EnumMap<Metric, Histogram> recycle = new EnumMap<>(Metric.class);
    
        PerThread() {
            for (Metric m : Metric.values()) {
                recorders.put(m, new SingleWriterRecorder(3));
            }
        }

        public void record(Metric metric, long nanos) {
            recorders.get(metric).recordValue(Math.max(0, nanos));
        }
    }

    private final List<PerThread> threads = new ArrayList<>();
    private final EnumMap<Metric, Histogram> cumulative = new EnumMap<>(Metric.class);

    public LatencyRecorders() {
        for (Metric m : Metric.values()) {
            Histogram h = new Histogram(3);
            h.setStartTimeStamp(System.currentTimeMillis());
            cumulative.put(m, h);
        }
    }

    public synchronized PerThread register() {
        PerThread t = new PerThread();
        threads.add(t);
        return t;
    }

    /** Moves everything recorded since the last call into the cumulative histograms. */
    public synchronized Map<Metric, Long> sampleInterval() {
        Map<Metric, Long> counts = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            long n = 0;
            for (PerThread t : threads) {
                Histogram interval = t.recorders.get(m).getIntervalHistogram(t.recycle.get(m));
                n += interval.getTotalCount();
                cumulative.get(m).add(interval);
                t.recycle.put(m, interval);
            }
            counts.put(m, n);
        }
        return counts;
    }

    /** Copies of the cumulative histograms (after a final {@link #sampleInterval()}). */
    public synchronized Map<Metric, Histogram> cumulative() {
        sampleInterval();
        Map<Metric, Histogram> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram copy = cumulative.get(m).copy();
            copy.setEndTimeStamp(System.currentTimeMillis());
            out.put(m, copy);
        }
        return out;
    }
}
