package io.vfiorig.agent.device.vfio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which processes hold a device node open, from {@code /proc/PID/fd}: what an EBUSY from VFIO means
 * in practice (a QEMU, another rig, a stale test). Processes we may not look into are skipped.
 */
public final class FdHolders {
    private final Path proc;

    public FdHolders() {
        this(Path.of("/proc"));
    }

    public FdHolders(Path procRoot) {
        this.proc = procRoot;
    }

    /** One holder: {@code pid 812 (qemu-system-x86) holds /dev/vfio/12}. */
    public record Holder(long pid, String comm, String node) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + comm + ") holds " + node;
        }
    }

    /** Holders of any of {@code nodes} (compared as the link targets in /proc/PID/fd print them). */
    public List<Holder> of(Collection<Path> nodes) {
        List<String> wanted = nodes.stream().map(Path::toString).toList();
        List<Holder> out = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pidDir : pids) {
                scan(pidDir, wanted, out);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void scan(Path pidDir, List<String> wanted, List<Holder> out) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile
                }
                if (wanted.contains(target)) {
                    out.add(new Holder(Long.parseLong(pidDir.getFileName().toString()), comm(pidDir), target));
                    return; // one line per process is enough
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it exited: nothing to say about it
        }
    }

    private static String comm(Path pidDir) {
        try {
            return Files.readString(pidDir.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
