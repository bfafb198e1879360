package io.vfiorig.controller.regress;

import java.util.List;
import java.util.Locale;

/** Renders regressions as a plain-text table: one line each, open ones first. */
public final class RegressionTable {
    private RegressionTable() {}

    /** @param all also list regressions that were fixed */
    public static String render(List<Regression> regressions, boolean all) {
        List<Regression> shown = regressions.stream().filter(r -> all || r.open())
                .sorted((a, b) -> Boolean.compare(b.open(), a.open())).toList();
        if (shown.isEmpty()) {
            return all ? "no regressions in the history\n" : "no open regressions\n";
        }
        StringBuilder sb = new StringBuilder();
        String row = "%-6s %-14s %-42s %-24s %9s %14s %14s  %-24s %-24s %s%n";
        sb.append(String.format(Locale.ROOT, row, "status", "device", "test", "metric", "shift", "before", "after",
                "last good kernel", "first bad kernel", "fixed by"));
        for (Regression r : shown) {
            sb.append(String.format(Locale.ROOT, row, r.open() ? "OPEN" : "fixed", r.deviceModel() + "/" + r.backend(),
                    r.testId().substring(r.testId().lastIndexOf('.', r.testId().lastIndexOf('.') - 1) + 1), r.metric(),
                    String.format(Locale.ROOT, "%+.1f%%", r.relativeShift() * 100), String.format(Locale.ROOT, "%,.0f", r.before()),
                    String.format(Locale.ROOT, "%,.0f", r.after()), kernel(r.lastGood()), kernel(r.firstBad()),
                    r.fixedBy() == null ? "-" : kernel(r.fixedBy())));
        }
        return sb.toString();
    }

    private static String kernel(PointRef p) {
        return p.kernelRelease() + (p.kernelCommit() == null ? "" : " " + p.kernelCommit().substring(0, Math.min(12, p.kernelCommit().length())));
    }
}
