package io.vfiorig.reports.svg;

import java.util.Locale;

/** Human units for latencies recorded in nanoseconds. */
public final class Units {
    private Units() {}

    /** {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.23 s}. */
    public static String nanos(double ns) {
        if (ns < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return trim(ns / 1_000) + " µs";
        }
        if (ns < 1_000_000_000) {
            return trim(ns / 1_000_000) + " ms";
        }
        return trim(ns / 1_000_000_000) + " s";
    }

    /** Three significant digits at most, no trailing zeros: 1, 12.5, 250. */
    static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** Coordinates: one decimal is plenty on screen and keeps the SVG small. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
