package io.vfiorig.agent.device.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which kernel log lines are findings. Ordered from specific to generic: lockdep and the atomic-sleep
 * check print "WARNING:"/"BUG:" headers too, and should be named for what they are.
 */
public final class KernelLogPatterns {
    /** Lines kept after a match: enough for the usual header + "Call Trace:" block. */
    public static final int EXCERPT_LINES = 30;

    private record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule("sleep-in-atomic", Pattern.compile("BUG: sleeping function called from invalid context")),
            new Rule("soft-lockup", Pattern.compile("BUG: soft lockup")),
            new Rule("lockdep", Pattern.compile("possible circular locking dependency detected"
                    + "|possible recursive locking detected|inconsistent lock state|suspicious RCU usage"
                    + "|lock held when returning to user space|bad unlock balance detected")),
            new Rule("hung-task", Pattern.compile("INFO: task .+ blocked for more than \\d+ seconds")),
            new Rule("rcu-stall", Pattern.compile("rcu: INFO: .*detected stalls? on CPU|self-detected stall on CPU")),
            new Rule("oops", Pattern.compile("^Oops|\\bOops: ")),
            new Rule("bug", Pattern.compile("^(?:\\S+: )?BUG: |kernel BUG at ")),
            new Rule("warn", Pattern.compile("^WARNING: |^------------\\[ cut here \\]------------$")));

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
     * The findings in a run of log messages, each with the lines after it. A "cut here" line is
     * only a header: the WARNING/BUG line that follows names the finding, so it is folded into it.
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
            }
            int end = Math.min(messages.size(), start + EXCERPT_LINES);
            // stop the excerpt at the next finding, which gets its own
            int j = i + 1;
            while (j < end && classify(messages.get(j)).isEmpty()) {
                j++;
            }
            out.add(new KernelLogFinding(kind.get(), m, messages.subList(start, j)));
            i = j;
        }
        return out;
    }
}
