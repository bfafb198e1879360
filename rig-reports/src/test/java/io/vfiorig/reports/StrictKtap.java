package io.vfiorig.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict KTAP v1 reader (Documentation/dev-tools/ktap.rst) for tests: version line, plan, result
 * lines numbered 1..N matching the plan, diagnostics, subtests indented by four spaces and
 * followed by their parent's result line. Anything else is an error naming the line.
 */
final class StrictKtap {
    /** One test line, with its subtests when it had any. */
    record Node(boolean ok, int number, String description, String directive, List<Node> subtests) {}

    private static final String INDENT = "    ";
    private static final Pattern RESULT = Pattern.compile("(ok|not ok) ([1-9][0-9]*)(?: ([^#]*?))?\\s*(?:# ?(.*))?");
    private static final Pattern PLAN = Pattern.compile("1\\.\\.(0|[1-9][0-9]*)");
    private static final Pattern DIRECTIVE = Pattern.compile("(SKIP|TODO|XFAIL|TIMEOUT|ERROR)(?: .*)?");

    private final String[] lines;
    private int pos;

    private StrictKtap(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("KTAP output must end with a newline");
        }
        this.lines = text.split("\n", -1);
    }

    /** The top-level tests. */
    static List<Node> parse(String text) {
        StrictKtap p = new StrictKtap(text);
        List<Node> top = p.block("");
        if (p.pos != p.lines.length - 1) {
            throw p.error("trailing content after the last test");
        }
        return top;
    }

    private List<Node> block(String indent) {
        expect(indent + "KTAP version 1", "version line");
        if (peek() != null && peek().startsWith(indent + "# Subtest: ")) {
            pos++;
        }
        String planLine = strip(indent, next("plan"));
        Matcher plan = PLAN.matcher(planLine);
        if (!plan.matches()) {
            throw error("expected a plan '1..N', found '" + planLine + "'");
        }
        int planned = Integer.parseInt(plan.group(1));
        List<Node> tests = new ArrayList<>();
        while (tests.size() < planned) {
            String line = peek();
            if (line == null) {
                throw error("the plan says " + planned + " tests, only " + tests.size() + " found");
            }
            if (line.startsWith(indent + "#")) {
                pos++; // diagnostic
                continue;
            }
            List<Node> subtests = List.of();
            if (line.equals(indent + INDENT + "KTAP version 1")) {
                subtests = block(indent + INDENT);
                continue_diagnostics(indent);
            }
            tests.add(result(indent, tests.size() + 1, subtests));
        }
        return tests;
    }

    private void continue_diagnostics(String indent) {
        while (peek() != null && peek().startsWith(indent + "#")) {
            pos++;
        }
    }

    private Node result(String indent, int expected, List<Node> subtests) {
        String raw = next("result line");
        Matcher m = RESULT.matcher(strip(indent, raw));
        if (!m.matches()) {
            throw error("expected '[not ]ok " + expected + " <description>', found '" + raw + "'");
        }
        int number = Integer.parseInt(m.group(2));
        if (number != expected) {
            throw error("test number " + number + ", expected " + expected);
        }
        String directive = m.group(4) == null ? "" : m.group(4).strip();
        if (!directive.isEmpty() && !DIRECTIVE.matcher(directive).matches()) {
            throw error("unknown directive '" + directive + "'");
        }
        boolean ok = m.group(1).equals("ok");
        if (ok && !directive.startsWith("SKIP") && subtests.stream().anyMatch(s -> !s.ok())) {
            throw error("'ok' although a subtest is 'not ok'");
        }
        String description = m.group(3) == null ? "" : m.group(3).strip();
        if (description.isEmpty()) {
            throw error("test " + number + " has no description");
        }
        return new Node(ok, number, description, directive, subtests);
    }

    private String strip(String indent, String line) {
        if (!line.startsWith(indent) || (line.length() > indent.length() && line.charAt(indent.length()) == ' ')) {
            throw error("wrong indentation (expected " + indent.length() + " spaces): '" + line + "'");
        }
        return line.substring(indent.length());
    }

    private void expect(String line, String what) {
        String got = next(what);
        if (!got.equals(line)) {
            throw error("expected '" + line + "', found '" + got + "'");
        }
    }

    private String next(String what) {
        String line = peek();
        if (line == null) {
            throw error("unexpected end of output, expected a " + what);
        }
        pos++;
        return line;
    }

    private String peek() {
        return pos < lines.length - 1 ? lines[pos] : null;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("KTAP line " + pos + ": " + what);
    }
}
