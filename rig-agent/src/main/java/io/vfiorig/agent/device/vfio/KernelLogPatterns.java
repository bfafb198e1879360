package io.vfiorig.agent.device.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which kernel log lines are findings, and where each report block ends. Ordered from specific to
 * generic: lockdep and the atomic-sleep check print "WARNING:"/"BUG:" headers too, and should be
 * named for what they are.
 */
public final class KernelLogPatterns {
    /** Upper bound of one report block: a lockdep splat with its dependency chain is ~100 lines. */
    public static final int EXCERPT_LINES = 160;
    /** Upper bound of one report block's text. */
    public static final int EXCERPT_CHARS = 16 * 1024;

    private record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule("sleep-in-atomic", Pattern.compile("BUG: sleeping function called from invalid context"
                    + "|BUG: scheduling while atomic")),
            new Rule("soft-lockup", Pattern.compile("BUG: soft lockup")),
            new Rule("lockdep", Pattern.compile("possible circular locking dependency detected"
                    + "|possible recursive locking detected|inconsistent lock state|suspicious RCU usage"
                    + "|lock held when returning to user space|bad unlock balance detected"
                    + "|possible irq lock inversion dependency detected|held lock freed"
                    + "|(?:HARDIRQ|SOFTIRQ)-(?:safe|READ-safe) -> (?:HARDIRQ|SOFTIRQ)-(?:unsafe|READ-unsafe) lock order detected")),
            new Rule("hung-task", Pattern.compile("INFO: task .+ blocked for more than \\d+ seconds")),
            new Rule("rcu-stall", Pattern.compile("rcu: INFO: .*detected stalls? on CPU|self-detected stall on CPU"
                    + "|INFO: rcu_\\w+ (?:self-)?detected stalls?")),
            new Rule("oops", Pattern.compile("^Oops|\\bOops: ")),
            new Rule("bug", Pattern.compile("^(?:\\S+: )?BUG: |kernel BUG at |^UBSAN: ")),
            new Rule("warn", Pattern.compile("^WARNING: |^------------\\[ cut here \\]------------$")));

    /** Lines that only introduce the report after them (lockdep's "=====" rule, the "cut here" line). */
    private static final Pattern HEADER = Pattern.compile("^(?:=+|-+|------------\\[ cut here \\]------------)$");
    /** The last line of a report: the end of its stack dump, or the end-of-trace marker after it. */
    private static final Pattern END_OF_STACK = Pattern.compile("^\\s*</TASK>\\s*$");
    private static final int TRAILER_LINES = 8;
    private static final Pattern END_OF_TRACE = Pattern.compile("^---\\[ end (?:trace|Kernel panic)");

    private KernelLogPatterns() {}

    /** The finding kind of one log message, if it is one. */
    public static Optional<String> classify(String message) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(message).find()) {
                return Optional.of(r.kind());
            }
        }
        return Optional.empty();
    }

    /**
     * The findings in a run of log messages, each with its whole report block: from a header line
     * ("cut here", lockdep's "=====" rule) through the end of the stack dump ({@code </TASK>} and an
     * {@code ---[ end trace} line after it), else up to the next finding, capped at
     * {@link #EXCERPT_LINES} lines and {@link #EXCERPT_CHARS} characters.
     */
    public static List<KernelLogFinding> scan(List<String> messages) {
        List<KernelLogFinding> out = new ArrayList<>();
        int i = 0;
        while (i < messages.size()) {
            String m = messages.get(i);
            Optional<String> kind = classify(m);
            if (kind.isEmpty()) {
                i++;
                continue;
            }
            int start = i;
            if (m.contains("[ cut here ]") && i + 1 < messages.size()) {
                Optional<String> next = classify(messages.get(i + 1));
                if (next.isPresent()) {
                    kind = next;
                    m = messages.get(i + 1);
                    i++;
                }
            } else if (start > 0 && HEADER.matcher(messages.get(start - 1)).matches()) {
                start--; // lockdep's "======" rule above its WARNING line
            }
            int end = blockEnd(messages, i);
            out.add(new KernelLogFinding(kind.get(), m, capped(messages.subList(start, end))));
            i = end;
        }
        return out;
    }

    /** Index after the last line of the report whose headline is at {@code head}. */
    private static int blockEnd(List<String> messages, int head) {
        int limit = Math.min(messages.size(), head + EXCERPT_LINES);
        for (int j = head + 1; j < limit; j++) {
            String line = messages.get(j);
            if (END_OF_TRACE.matcher(line).find()) {
                return j + 1;
            }
            if (END_OF_STACK.matcher(line).matches()) {
                return trailerEnd(messages, j);
            }
            if (classify(line).isPresent() && !line.contains("[ cut here ]")) {
                return j; // the next report starts: it gets its own finding
            }
            if (line.contains("[ cut here ]") || HEADER.matcher(line).matches() && nextIsFinding(messages, j)) {
                return j;
            }
        }
        return limit;
    }

    /**
     * After a WARN's stack come lockdep's "irq event stamp" lines and then {@code ---[ end trace}:
     * the block ends there when that line follows within a few lines, else right after the stack.
     */
    private static int trailerEnd(List<String> messages, int endOfStack) {
        for (int k = endOfStack + 1; k < Math.min(messages.size(), endOfStack + TRAILER_LINES); k++) {
            String line = messages.get(k);
            if (END_OF_TRACE.matcher(line).find()) {
                return k + 1;
            }
            if (classify(line).isPresent() || END_OF_STACK.matcher(line).matches()) {
                break;
            }
        }
        return endOfStack + 1;
    }

    private static boolean nextIsFinding(List<String> messages, int j) {
        return j + 1 < messages.size() && classify(messages.get(j + 1)).isPresent()
                && !messages.get(j + 1).contains("[ cut here ]");
    }

    private static List<String> capped(List<String> lines) {
        List<String> out = new ArrayList<>();
        int chars = 0;
        for (String l : lines) {
            if (chars + l.length() > EXCERPT_CHARS) {
                out.add("... (" + (lines.size() - out.size()) + " more line(s) cut)");
                break;
            }
            out.add(l);
            chars += l.length() + 1;
        }
        return out;
    }
}
