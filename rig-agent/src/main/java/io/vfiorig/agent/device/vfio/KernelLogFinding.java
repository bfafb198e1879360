package io.vfiorig.agent.device.vfio;

import java.util.List;

/**
 * A kernel report seen in {@code /dev/kmsg} while a test ran: a finding even when the test's own
 * checks passed.
 *
 * @param kind    {@code warn}, {@code bug}, {@code oops}, {@code lockdep}, {@code sleep-in-atomic},
 *                {@code hung-task}, {@code soft-lockup}, {@code rcu-stall}
 * @param line    the line that matched
 * @param excerpt that line and the ones after it (the stack trace), capped
 */
public record KernelLogFinding(String kind, String line, List<String> excerpt) {
    public KernelLogFinding {
        excerpt = List.copyOf(excerpt);
    }

    /** The excerpt as one block of text. */
    public String text() {
        return kind + ": " + String.join("\n", excerpt);
    }
}
