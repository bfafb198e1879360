package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own record of vfio-pci BAR faults: turns on dynamic debug for
 * {@code vfio_pci_mmap_huge_fault} (a debug kernel: CONFIG_DYNAMIC_DEBUG + debugfs) and reads its
 * lines from {@code /dev/kmsg}, e.g. {@code vfio_pci_mmap_huge_fault(,order = 9) BAR 2 page offset
 * 0x200: 0x100} (0x100 = VM_FAULT_NOPAGE: mapped; 0x800 = VM_FAULT_FALLBACK). The kernel rate-limits
 * these prints; a suppressed run says so in {@link #suppressed()}.
 */
public final class HugeFaultLog implements AutoCloseable {
    public static final Path DEBUGFS = Path.of("/sys/kernel/debug");
    public static final Path CONTROL = DEBUGFS.resolve("dynamic_debug/control");
    static final String QUERY = "func vfio_pci_mmap_huge_fault";
    private static final Pattern LINE = Pattern.compile(
            "(\\S+): vfio_pci_mmap_huge_fault\\(,order = (\\d+)\\) BAR (\\d+) page offset 0x([0-9a-f]+): 0x([0-9a-f]+)");
    private static final int RECORD_MAX = 8192;
    private static final int EPIPE = 32;

    /** One fault the kernel logged. */
    public record Fault(String bdf, int order, int bar, long pageOffset, int vmFault) {
        public boolean mapped() {
            return vmFault == 0x100;
        }
    }

    private final int fd;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buf;
    private boolean suppressed;

    private HugeFaultLog(int fd) {
        this.fd = fd;
        this.buf = arena.allocate(RECORD_MAX);
        records(); // skip what was logged before
    }

    /**
     * Enables the debug prints and starts reading the log, or explains why it cannot: no debugfs
     * (mounted here when missing), no dynamic debug in the kernel, no such function, not root.
     */
    public static Result<HugeFaultLog> start() {
        if (!Files.exists(CONTROL)) {
            mountDebugfs();
        }
        if (!Files.exists(CONTROL)) {
            return Result.absent("dynamic debug is absent: no " + CONTROL
                    + " (kernel without CONFIG_DYNAMIC_DEBUG or debugfs; boot the debug kernel)");
        }
        int fd;
        try {
            fd = Libc.open("/dev/kmsg", Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        } catch (NativeCallException e) {
            return Result.absent("cannot read /dev/kmsg: " + e.errnoName() + " (run as root)");
        }
        HugeFaultLog log = new HugeFaultLog(fd);
        String err = control("+p");
        if (!err.isEmpty()) {
            log.close();
            return Result.absent("dynamic debug refused '" + QUERY + " +p': " + err
                    + " (no vfio_pci_mmap_huge_fault in this kernel: vfio-pci huge faults came in 6.12)");
        }
        return Result.of(log);
    }

    /** A value or the reason there is none. */
    public record Result<T>(Optional<T> value, String reason) {
        static <T> Result<T> of(T v) {
            return new Result<>(Optional.of(v), "");
        }

        static <T> Result<T> absent(String why) {
            return new Result<>(Optional.empty(), why);
        }
    }

    /** The faults logged since the last call for {@code bdf}'s {@code bar}. */
    public List<Fault> faults(String bdf, int bar) {
        List<Fault> out = new ArrayList<>();
        for (String r : records()) {
            if (r.contains("callbacks suppressed") && r.contains("vfio_pci_mmap_huge_fault")) {
                suppressed = true;
            }
            Matcher m = LINE.matcher(r);
            if (m.find() && m.group(1).endsWith(bdf) && Integer.parseInt(m.group(3)) == bar) {
                out.add(new Fault(bdf, Integer.parseInt(m.group(2)), bar, Long.parseLong(m.group(4), 16),
                        Integer.parseInt(m.group(5), 16)));
            }
        }
        return out;
    }

    /** Whether the kernel said it dropped some of these prints (rate limit). */
    public boolean suppressed() {
        return suppressed;
    }

    /** Parses one kmsg message text; empty when it is not a huge-fault line. For tests. */
    static Optional<Fault> parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Fault(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Long.parseLong(m.group(4), 16), Integer.parseInt(m.group(5), 16)));
    }

    private List<String> records() {
        List<String> out = new ArrayList<>();
        while (true) {
            long n;
            try {
                n = Libc.pread(fd, buf, RECORD_MAX, 0); // one record per read; the offset is ignored
            } catch (NativeCallException e) {
                if (e.errno() == EPIPE) {
                    continue; // overwritten before we read it
                }
                return out; // EAGAIN: nothing more for now
            }
            if (n <= 0) {
                return out;
            }
            out.addAll(KernelLogWatcher.kernelLines(new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8)));
        }
    }

    private static String control(String flag) {
        try {
            Files.writeString(CONTROL, QUERY + " " + flag + "\n");
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static void mountDebugfs() {
        try {
            Process p = new ProcessBuilder("mount", "-t", "debugfs", "debugfs", DEBUGFS.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            // no mount binary: reported as "dynamic debug is absent"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the prints off again and stops reading. */
    @Override
    public void close() {
        control("-p");
        VfioHandle.closeQuietly(fd);
        arena.close();
    }
}
