package io.vfiorig.agent.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency distribution plus the whole histogram in HdrHistogram's compressed
 * encoding (base64), so the store and comparisons can work on the full distribution later.
 */
public record HistogramSummary(String metric, String unit, long count, long min, long p50, long p90, long p99,
        long p999, long max, double mean, String hdr) {

    public static HistogramSummary of(String metric, Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
        if (h.getTotalCount() == 0) {
            return new HistogramSummary(metric, "ns", 0, 0, 0, 0, 0, 0, 0, 0, encoded);
        }
        return new HistogramSummary(metric, "ns", h.getTotalCount(), h.getMinValue(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean(), encoded);
    }

    /** Decodes the full histogram. */
    public Histogram decode() {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(hdr)), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt HDR histogram for " + metric, e);
        }
    }
}
