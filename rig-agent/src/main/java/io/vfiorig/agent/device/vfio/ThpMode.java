package io.vfiorig.agent.device.vfio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The transparent huge page setting ({@code /sys/kernel/mm/transparent_hugepage/enabled}): the mm
 * only calls a driver's {@code huge_fault} when it allows huge pages for the VMA.
 */
public enum ThpMode {
    ALWAYS, MADVISE, NEVER, UNKNOWN;

    public static final Path ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** The running kernel's mode; UNKNOWN without THP (no file). */
    public static ThpMode current() {
        try {
            return parse(Files.readString(ENABLED));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** Parses the sysfs text, whose selected value is in brackets: {@code always [madvise] never}. */
    public static ThpMode parse(String text) {
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        String v = open >= 0 && close > open ? text.substring(open + 1, close) : text.strip();
        return switch (v) {
            case "always" -> ALWAYS;
            case "madvise" -> MADVISE;
            case "never" -> NEVER;
            default -> UNKNOWN;
        };
    }

    /**
     * Sets the running kernel's mode (root only; the huge-fault order test switches it and puts the
     * old one back).
     *
     * @throws IOException when the file is missing or not writable
     */
    public static void set(ThpMode mode) throws IOException {
        if (mode == UNKNOWN) {
            throw new IllegalArgumentException("cannot set THP to unknown");
        }
        Files.writeString(ENABLED, mode.id());
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the mm may try a huge fault for a VMA, given whether MADV_HUGEPAGE took. */
    public boolean allowsHuge(boolean madvisedHuge) {
        return this == ALWAYS || (this == MADVISE && madvisedHuge);
    }
}
