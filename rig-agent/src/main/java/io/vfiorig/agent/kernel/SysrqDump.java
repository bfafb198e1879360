package io.vfiorig.agent.kernel;

import io.vfiorig.agent.device.vfio.KernelLogWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's own account of a stuck thread: sysrq-w ("show blocked state") prints every task in
 * D state with its kernel stack (and, under lockdep, the locks held). Triggered through
 * {@code /proc/sysrq-trigger} (root; not subject to the sysrq key mask) only where the
 * {@value #PROPERTY} system property is {@code true}: the virtual lab host's probe sets it, since
 * the guest is torn down after a stuck thread anyway; on a shared lab host it is the operator's call.
 *
 * <p>The dump goes to the kernel log, which this class reads back, and to the console: the console
 * log level is raised to show KERN_INFO first (and left there: consoles print asynchronously, so
 * lowering it again at once would drop the dump), and a {@value #DONE} line follows the dump so
 * the supervisor capturing the serial console knows where it ends.
 */
public final class SysrqDump {
    public static final String PROPERTY = "rig.sysrq-on-stuck";
    /** The kernel's first line of a sysrq-w dump. */
    public static final String HEADER = "sysrq: Show Blocked State";
    /** Written to the kernel log after the dump (as a user-space record: never a finding). */
    public static final String DONE = "vfio-rig: sysrq-w dump complete";
    static final int MAX_LINES = 200;
    private static final Path TRIGGER = Path.of("/proc/sysrq-trigger");
    private static final Path PRINTK = Path.of("/proc/sys/kernel/printk");

    private SysrqDump() {}

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Triggers sysrq-w and returns the dump as the kernel logged it, or one line saying why there is none. */
    public static String blockedTasks() {
        try (KernelLogWatcher log = KernelLogWatcher.open()) {
            try {
                Files.writeString(PRINTK, "7"); // console loglevel 7: KERN_INFO task lines reach the console
            } catch (IOException | SecurityException e) {
                // the kernel log still has the dump
            }
            Files.writeString(TRIGGER, "w");
            String dump = excerpt(log.lines());
            try {
                Files.writeString(Path.of(KernelLogWatcher.KMSG), "<5>" + DONE + "\n");
            } catch (IOException | SecurityException e) {
                // only the console's end marker is lost
            }
            return dump;
        } catch (IOException | RuntimeException e) {
            return "(no sysrq-w dump: " + e.getMessage() + ")";
        }
    }

    /** The lines from the dump's header on, capped at {@link #MAX_LINES}. */
    static String excerpt(List<String> lines) {
        int from = lines.indexOf(HEADER);
        if (from < 0) {
            return "(no sysrq-w dump: the kernel logged no \"" + HEADER + "\" line)";
        }
        List<String> dump = lines.subList(from, Math.min(lines.size(), from + MAX_LINES));
        return String.join("\n", dump) + (from + MAX_LINES < lines.size() ? "\n... (cut)" : "");
    }
}
