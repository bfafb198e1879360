package io.vfiorig.agent.engine;

import io.vfiorig.agent.device.Bar;
import java.util.Locale;
import java.util.SplittableRandom;

/** The order in which a hammer thread walks its part of a BAR. */
public enum AccessPattern {
    /** Every 4 KiB page in address order. */
    SEQUENTIAL("seq"),
    /** Every 4 KiB page in a random order (a new permutation per thread). */
    RANDOM("random"),
    /** The first page of every 2 MiB: one access per possible huge mapping. */
    STRIDE_2M("2m");

    private final String id;

    AccessPattern(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static AccessPattern parse(String text) {
        for (AccessPattern p : values()) {
            if (p.id.equals(text.toLowerCase(Locale.ROOT)) || p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown access pattern '" + text + "'; known: seq, random, 2m");
    }

    /** Byte offsets (page-aligned) inside [start, end) in this pattern's order. */
    public long[] offsets(long start, long end, long seed) {
        long step = this == STRIDE_2M ? 2L << 20 : Bar.PAGE;
        int n = (int) Math.max(1, (end - start + step - 1) / step);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        if (this == RANDOM) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                long t = out[i];
                out[i] = out[j];
                out[j] = t;
            }
        }
        return out;
    }
}
