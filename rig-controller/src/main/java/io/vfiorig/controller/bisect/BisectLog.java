package io.vfiorig.controller.bisect;

import java.util.List;

/**
 * A bisection as {@code git bisect log} prints it: comments with each tested commit's subject and
 * the commands that replay it ({@code git bisect replay FILE} in the tree gives the same result).
 */
public final class BisectLog {
    private BisectLog() {}

    public static String render(BisectState s) {
        StringBuilder sb = new StringBuilder();
        String good = s.plan().good();
        String bad = s.plan().bad();
        s.step(bad).ifPresent(st -> sb.append("# bad: [").append(bad).append("] ").append(st.label()).append('\n'));
        s.step(good).ifPresent(st -> sb.append("# good: [").append(good).append("] ").append(st.label()).append('\n'));
        sb.append("git bisect start '").append(bad).append("' '").append(good).append("'\n");
        for (StepRecord st : s.steps()) {
            if (!st.role().equals(StepRecord.BISECT)) {
                continue;
            }
            String term = switch (st.verdict()) {
                case GOOD -> "good";
                case BAD -> "bad";
                default -> "skip";
            };
            sb.append("# ").append(term).append(": [").append(st.rev()).append("] ").append(st.label()).append('\n');
            sb.append("git bisect ").append(term).append(' ').append(st.rev()).append('\n');
        }
        List<String> c = s.candidates();
        if (s.culprit() != null) {
            sb.append("# first bad commit: [").append(s.culprit()).append("] ").append(s.culpritLabel()).append('\n');
        } else if (!c.isEmpty()) {
            c.forEach(x -> sb.append("# possible first bad commit: [").append(x).append("]\n"));
        }
        return sb.toString();
    }
}
