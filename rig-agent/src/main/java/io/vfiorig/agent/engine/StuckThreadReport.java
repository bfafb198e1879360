package io.vfiorig.agent.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Evidence for a stuck thread: its Java stack plus, from /proc, its scheduler state, wait channel
 * and kernel stack (the kernel stack needs root; a missing one is said, not hidden).
 */
public final class StuckThreadReport {
    private StuckThreadReport() {}

    public static String describe(Thread thread, int tid, long stuckMillis, String doing) {
        StringBuilder sb = new StringBuilder();
        sb.append(thread.getName()).append(" (tid ").append(tid).append(") stuck for ").append(stuckMillis)
                .append(" ms").append(doing.isEmpty() ? "" : " in " + doing).append('\n');
        sb.append("java stack:\n").append(Arrays.stream(thread.getStackTrace())
                .map(f -> "    at " + f).collect(Collectors.joining("\n"))).append('\n');
        if (tid > 0) {
            Path task = Path.of("/proc/self/task", Integer.toString(tid));
            sb.append("state: ").append(schedState(task)).append('\n');
            sb.append("wchan: ").append(read(task.resolve("wchan"))).append('\n');
            sb.append("kernel stack:\n").append(read(task.resolve("stack"))).append('\n');
        }
        return sb.toString();
    }

    private static String schedState(Path task) {
        String stat = read(task.resolve("stat"));
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() ? stat.substring(close + 2, close + 3) : stat;
    }

    private static String read(Path p) {
        try {
            String s = Files.readString(p).strip();
            return s.isEmpty() ? "(empty)" : s;
        } catch (IOException | SecurityException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
