package io.vfiorig.agent.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Follows the guest's serial console file while QEMU writes it: notices when /init starts (the
 * boot-to-init time) and keeps the tail for failure messages. The full log stays on disk.
 */
final class ConsoleLog {
    static final String PANIC = "Kernel panic - not syncing";
    private static final int KEEP = 256 * 1024;

    private final Path file;
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();
    private long position;
    private long initSeenNanos = -1;

    ConsoleLog(Path file, long startNanos) {
        this.file = file;
        this.startNanos = startNanos;
    }

    /** Reads what QEMU appended since the last call. */
    void poll() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= position) {
                return;
            }
            byte[] b = new byte[(int) Math.min(len - position, 4 << 20)];
            f.seek(position);
            f.readFully(b);
            position += b.length;
            text.append(new String(b, StandardCharsets.UTF_8).replace("\r", ""));
        } catch (IOException e) {
            return; // QEMU may be recreating the file; the next poll reads it
        }
        if (initSeenNanos < 0 && text.indexOf(GuestInit.STARTED) >= 0) {
            initSeenNanos = System.nanoTime();
        }
        if (text.length() > KEEP) { // a WARN storm must not eat the heap; the file has it all
            text.delete(0, text.length() - KEEP);
        }
    }

    boolean initStarted() {
        return initSeenNanos >= 0;
    }

    /** Nanoseconds from QEMU's start to the first /init line on the console, or -1. */
    long bootToInitNanos() {
        return initSeenNanos < 0 ? -1 : initSeenNanos - startNanos;
    }

    String text() {
        return text.toString();
    }

    /** The last {@code n} non-empty lines. */
    static String tail(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** The first "Kernel panic" line, or empty. */
    static String panicLine(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(PANIC)) {
                return lines.get(i).strip();
            }
        }
        return "";
    }
}
