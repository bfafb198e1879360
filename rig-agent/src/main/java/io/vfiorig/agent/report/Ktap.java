package io.vfiorig.agent.report;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run in KTAP v1 (Documentation/dev-tools/ktap.rst), the format of the kernel's own
 * selftests, so kernel CI tooling can read the rig's results next to kselftest output. Each test
 * is a KTAP test whose subtests are its invariants.
 */
public final class Ktap {
    // KUnit indents subtests by four spaces; kernel parsers accept it.
    private static final String INDENT = "    ";

    private Ktap() {}

    /**
     * Renders the run as KTAP v1. The top-level plan counts the tests plus one extra {@code not ok}
     * line per infrastructure error that belongs to no test result.
     *
     * @param r the run's results
     * @return the KTAP text, lines terminated by {@code \n}
     */
    public static String render(RunResults r) {
        List<TestResult> tests = SummaryTable.tests(r);
        List<InfraError> standalone = JunitXml.standaloneInfraErrors(r);
        StringBuilder out = new StringBuilder("KTAP version 1\n");
        out.append("1..").append(tests.size() + standalone.size()).append('\n');
        int number = 0;
        for (TestResult t : tests) {
            appendTest(out, ++number, t);
        }
        for (InfraError e : standalone) {
            appendInfraError(out, ++number, e);
        }
        return out.toString();
    }

    /**
     * Writes {@link #render(RunResults)} to {@code file}, atomically (temp file + rename).
     *
     * @param r    the run's results
     * @param file destination, e.g. {@code results.ktap}; parent directories are created
     * @throws IOException if the file cannot be written
     */
    public static void write(RunResults r, Path file) throws IOException {
        ResultsJson.writeAtomically(file, render(r).getBytes(StandardCharsets.UTF_8));
    }

    private static void appendTest(StringBuilder out, int number, TestResult t) {
        String name = description(t.test());
        List<InvariantOutcome> invariants = t.invariants() == null ? List.of() : t.invariants();
        if (!invariants.isEmpty()) {
            appendInvariants(out, name, invariants);
        }
        TestStatus status = t.status() == null ? TestStatus.ERROR : t.status();
        switch (status) {
            case PASS -> result(out, "", true, number, name, "");
            case SKIP -> result(out, "", true, number, name, " # SKIP " + diagnostic(t.message()));
            case FAIL -> {
                if (!blank(t.message())) {
                    diagnostics(out, "", "", t.message());
                } else if (invariants.stream().anyMatch(InvariantOutcome::failed)) {
                    diagnostics(out, "", "", "broken invariants: " + String.join(", ", invariants.stream()
                            .filter(InvariantOutcome::failed).map(InvariantOutcome::invariant).toList()));
                }
                result(out, "", false, number, name, "");
            }
            case ERROR -> {
                diagnostics(out, "", "ERROR ", blank(t.message()) ? "error (no message)" : t.message());
                result(out, "", false, number, name, " # ERROR");
            }
        }
    }

    private static void appendInvariants(StringBuilder out, String parent, List<InvariantOutcome> invariants) {
        out.append(INDENT).append("KTAP version 1\n");
        out.append(INDENT).append("# Subtest: ").append(parent).append('\n');
        out.append(INDENT).append("1..").append(invariants.size()).append('\n');
        int number = 0;
        for (InvariantOutcome o : invariants) {
            number++;
            String id = description(o.invariant());
            InvariantOutcome.Status status = o.status() == null ? InvariantOutcome.Status.FAIL : o.status();
            switch (status) {
                case PASS -> result(out, INDENT, true, number, id, "");
                case SKIP -> result(out, INDENT, true, number, id, " # SKIP " + diagnostic(o.summary()));
                case FAIL -> {
                    // As in the spec's examples: the diagnostic goes right before the failing line.
                    diagnostics(out, INDENT, "", id + ": " + (o.summary() == null ? "" : o.summary()) + " ("
                            + o.violations() + (o.violations() == 1 ? " violation)" : " violations)"));
                    result(out, INDENT, false, number, id, "");
                }
            }
        }
    }

    private static void appendInfraError(StringBuilder out, int number, InfraError e) {
        String kind = SummaryTable.oneLine(e.kind());
        String artifact = SummaryTable.oneLine(e.artifact());
        diagnostics(out, "", "ERROR ", kind + ": " + (e.message() == null ? "" : e.message())
                + (artifact.isEmpty() ? "" : " (" + artifact + ")"));
        if (!blank(e.duringTest())) {
            diagnostics(out, "", "", "during test " + e.duringTest() + ", which left no result");
        }
        result(out, "", false, number, description("infrastructure:" + kind), " # ERROR");
    }

    private static void result(StringBuilder out, String indent, boolean ok, int number, String name,
            String directive) {
        out.append(indent).append(ok ? "ok " : "not ok ").append(number).append(' ').append(name)
                .append(directive.stripTrailing()).append('\n');
    }

    /** One {@code # ...} line per line of {@code text}; the prefix goes on the first only. */
    private static void diagnostics(StringBuilder out, String indent, String prefix, String text) {
        String[] lines = text.strip().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            out.append(indent).append("# ").append(i == 0 ? prefix : "").append(lines[i].stripTrailing())
                    .append('\n');
        }
    }

    /**
     * A test description: one line, no {@code #} (it would start the directive), never empty.
     */
    static String description(String name) {
        String d = SummaryTable.oneLine(name).replace('#', '_');
        return d.isEmpty() ? "unnamed" : d;
    }

    /** Diagnostic data after a directive: one line. */
    private static String diagnostic(String text) {
        return SummaryTable.oneLine(text);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
