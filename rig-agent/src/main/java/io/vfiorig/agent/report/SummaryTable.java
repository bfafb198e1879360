package io.vfiorig.agent.report;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fixed-width table {@code rig run} prints at the end of a run. */
public final class SummaryTable {
    /** The histogram whose p99 the table shows. */
    static final String FAULT_LATENCY = "fault_latency";

    private static final String[] HEADER =
            {"TEST", "DEVICE", "STATUS", "FAULTS", "p99 FAULT µs", "REVOKES", "BROKEN INVARIANTS"};
    // Caps keep one long device name (sim:bug=...,size=...) from pushing the table off the screen.
    private static final int[] MAX_WIDTH = {40, 28, 6, 12, 12, 10, 60};
    private static final boolean[] RIGHT_ALIGNED = {false, false, false, true, true, true, false};
    private static final String GAP = "  ";

    private SummaryTable() {}

    /**
     * Renders one row per test, one line per infrastructure error and a totals line.
     *
     * @param r the run's results
     * @return the table, lines separated and terminated by {@code \n}
     */
    public static String render(RunResults r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TestResult t : tests(r)) {
            rows.add(row(t));
        }
        int[] widths = widths(rows);
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(line(row, widths)).append('\n');
        }
        for (InfraError e : infraErrors(r)) {
            out.append(infraLine(e)).append('\n');
        }
        out.append(totals(tests(r))).append('\n');
        return out.toString();
    }

    private static String[] row(TestResult t) {
        List<String> broken = t.invariants() == null ? List.of() : t.brokenInvariants();
        return new String[] {
            methodName(t.test()),
            oneLine(t.device()),
            t.status() == null ? "?" : t.status().name(),
            counter(t.counters(), "faults"),
            p99FaultMicros(t),
            counter(t.counters(), "disruptions"),
            broken.isEmpty() ? "-" : String.join(",", broken)
        };
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], Math.min(row[c].length(), MAX_WIDTH[c]));
            }
        }
        return widths;
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String cell = truncate(row[c], widths[c]);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                b.append(GAP);
            }
            b.append(RIGHT_ALIGNED[c] ? pad + cell : cell + pad);
        }
        return b.toString().stripTrailing();
    }

    private static String infraLine(InfraError e) {
        String artifact = oneLine(e.artifact());
        return "INFRA " + oneLine(e.kind()) + ": " + oneLine(e.message())
                + (artifact.isEmpty() ? "" : " (" + artifact + ")");
    }

    private static String totals(List<TestResult> tests) {
        long[] n = new long[TestStatus.values().length];
        for (TestResult t : tests) {
            if (t.status() != null) {
                n[t.status().ordinal()]++;
            }
        }
        long errors = n[TestStatus.ERROR.ordinal()];
        return tests.size() + (tests.size() == 1 ? " test: " : " tests: ")
                + n[TestStatus.PASS.ordinal()] + " passed, "
                + n[TestStatus.FAIL.ordinal()] + " failed, "
                + n[TestStatus.SKIP.ordinal()] + " skipped, "
                + errors + (errors == 1 ? " error" : " errors");
    }

    private static String p99FaultMicros(TestResult t) {
        if (t.latencies() == null) {
            return "-";
        }
        for (HistogramSummary h : t.latencies()) {
            if (h != null && FAULT_LATENCY.equals(h.metric()) && h.count() > 0) {
                return micros(h.p99(), h.unit());
            }
        }
        return "-";
    }

    private static String counter(Map<String, Long> counters, String name) {
        Long v = counters == null ? null : counters.get(name);
        return v == null ? "-" : Long.toString(v);
    }

    /** Method part of a {@code Class.method} test id. */
    static String methodName(String test) {
        String t = oneLine(test);
        return t.substring(t.lastIndexOf('.') + 1);
    }

    /**
     * A latency value converted to microseconds with one decimal, e.g. {@code 12.3}.
     *
     * @param value the value as recorded
     * @param unit  its unit as in {@link HistogramSummary#unit()} ("ns", "us", "ms")
     */
    static String micros(long value, String unit) {
        double us = switch (unit == null ? "ns" : unit) {
            case "us", "µs" -> value;
            case "ms" -> value * 1000.0;
            case "s" -> value * 1_000_000.0;
            default -> value / 1000.0; // HistogramSummary records nanoseconds
        };
        return String.format(Locale.ROOT, "%.1f", us);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String truncate(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        int cut = width - 1;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return s.substring(0, Math.max(cut, 0)) + "…";
    }

    static List<TestResult> tests(RunResults r) {
        return r.tests() == null ? List.of() : r.tests();
    }

    static List<InfraError> infraErrors(RunResults r) {
        return r.infrastructureErrors() == null ? List.of() : r.infrastructureErrors();
    }
}
