package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.kernel.SysrqDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The sysrq-w dump as the guest's serial console showed it: from the kernel's
 * {@value SysrqDump#HEADER} line to the probe's {@value SysrqDump#DONE} line after it. The console
 * is the host's own record of the guest kernel, independent of what the guest's probe managed to
 * write back.
 */
final class ConsoleSysrqDump {
    static final int MAX_LINES = 300;
    private static final long POLL_MS = 200;

    private ConsoleSysrqDump() {}

    /** Waits up to {@code wait} for a complete dump on the console; the dump, or a line saying what was missing. */
    static String await(Path console, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String text = read(console);
            Optional<String> dump = find(text, true);
            if (dump.isPresent()) {
                return dump.get();
            }
            if (System.nanoTime() > deadline) {
                return find(text, false).map(d -> d + "\n... (no end marker within " + wait.toSeconds() + " s)")
                        .orElse("(no sysrq-w dump on the console within " + wait.toSeconds() + " s: " + console + ")");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted while waiting for the console's sysrq-w dump)";
            }
        }
    }

    /** The last dump in the console text; with {@code complete}, only one whose end marker is there. */
    static Optional<String> find(String console, boolean complete) {
        List<String> lines = console.replace("\r", "").lines().toList();
        int from = -1;
        for (int i = lines.size() - 1; i >= 0 && from < 0; i--) {
            if (lines.get(i).contains(SysrqDump.HEADER)) {
                from = i;
            }
        }
        if (from < 0) {
            return Optional.empty();
        }
        int end = from + 1;
        while (end < lines.size() && !lines.get(end).contains(SysrqDump.DONE)) {
            end++;
        }
        if (complete && end == lines.size()) {
            return Optional.empty();
        }
        List<String> dump = lines.subList(from, Math.min(end, from + MAX_LINES));
        return Optional.of(String.join("\n", dump) + (end > from + MAX_LINES ? "\n... (cut)" : ""));
    }

    private static String read(Path console) {
        try {
            return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
