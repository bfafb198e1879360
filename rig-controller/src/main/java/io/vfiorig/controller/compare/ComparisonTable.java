package io.vfiorig.controller.compare;

import java.util.Locale;

/** Renders a {@link Comparison} as a plain-text table for a terminal or a log. */
public final class ComparisonTable {
    private ComparisonTable() {}

    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline  ").append(c.baseline()).append("  runs ").append(c.baselineRuns())
                .append("  kernel ").append(c.baselineKernel()).append('\n');
        sb.append("candidate ").append(c.candidate()).append("  runs ").append(c.candidateRuns())
                .append("  kernel ").append(c.candidateKernel()).append('\n');
        if (!c.comparable()) {
            sb.append("NOT COMPARABLE: ").append(String.join("; ", c.notComparableBecause()))
                    .append(" (comparisons pair only the same device model, backend and host class)\n");
            return sb.toString();
        }
        sb.append("platform  ").append(c.platform()).append('\n');
        String row = "%-36s %-28s %14s %14s %9s  %-21s %-5s %s%n";
        sb.append(String.format(Locale.ROOT, row, "test", "metric", "baseline", "candidate", "shift",
                "CI", "verdict", "threshold"));
        for (TestComparison t : c.tests()) {
            sb.append(String.format(Locale.ROOT, "%-36s %-28s %14s %14s %9s  %-21s %-5s %s%n", t.test(), "(test)", "", "", "", "",
                    t.verdict().id(), t.note()));
            for (MetricComparison m : t.metrics()) {
                Shift s = m.shift();
                sb.append(String.format(Locale.ROOT, row, "", m.metric(),
                        s == null ? "-" : value(s.baseline()), s == null ? "-" : value(s.candidate()),
                        s == null ? "-" : percent(s.relative()),
                        s == null ? m.note() : "[" + percent(s.low()) + ", " + percent(s.high()) + "]",
                        m.verdict().id(), m.threshold() + " " + percent(m.relativeShiftAllowed())
                                + (s == null ? "" : " @" + s.confidence())));
            }
            for (InvariantChange i : t.invariants()) {
                if (i.verdict() == Verdict.BAD || !i.baseline().equals(i.candidate())) {
                    sb.append(String.format(Locale.ROOT, row, "", i.invariant(), i.baseline(), i.candidate(),
                            "", i.violations() + " violations", i.verdict().id(), "invariants are never allowed to fail"));
                }
            }
        }
        sb.append("verdict: ").append(c.verdict().id()).append('\n');
        return sb.toString();
    }

    private static String value(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String percent(double rel) {
        if (Double.isInfinite(rel) || Math.abs(rel) >= 100) {
            return String.format(Locale.ROOT, "%+.0fx", rel);
        }
        return String.format(Locale.ROOT, "%+.1f%%", rel * 100);
    }
}
