package io.vfiorig.reports.svg;

/** Maps a data value onto a pixel range, linearly or on a log10 axis. */
record Scale(double lo, double hi, double from, double to, boolean log) {

    static Scale linear(double lo, double hi, double from, double to) {
        return new Scale(lo, hi == lo ? lo + 1 : hi, from, to, false);
    }

    /** A log10 scale over whole decades around [lo, hi] (values below 1 are clamped to 1). */
    static Scale logDecades(double lo, double hi, double from, double to) {
        double a = Math.floor(Math.log10(Math.max(1, lo)));
        double b = Math.ceil(Math.log10(Math.max(1, hi)));
        return new Scale(Math.pow(10, a), Math.pow(10, b == a ? a + 1 : b), from, to, true);
    }

    double map(double v) {
        double t = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (v - lo) / (hi - lo);
        return from + Math.max(0, Math.min(1, t)) * (to - from);
    }
}
