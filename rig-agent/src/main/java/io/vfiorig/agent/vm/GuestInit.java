package io.vfiorig.agent.vm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the guest's /init does after boot: mount the shares, bind the devices to vfio-pci, run
 * the payload with this environment.
 *
 * @param shares  9p shares to mount (the results share among them, at {@link #OUT})
 * @param bdfs    guest PCI addresses to bind to vfio-pci
 * @param env     exported for the payload
 * @param payload a shell script (busybox sh); its stdout, stderr and exit code come back through the results share
 */
public record GuestInit(List<Share> shares, List<String> bdfs, Map<String, String> env, String payload) {
    /** Where the writable results share is mounted in the guest; the payload runs there. */
    public static final String OUT = "/rig/out";
    /** Prefix of /init's console lines; the host watches for {@code MARKER + " started"}. */
    public static final String MARKER = "rig-init:";
    public static final String STARTED = MARKER + " started";
    /**
     * Kernel command-line word ({@link GuestRequest#withExtraAppend}) that makes /init leave the
     * devices on the drivers the guest kernel gave them, for a guest-side agent that binds them
     * itself with the binding journal (io.vfiorig.agent.device.bind). bind.txt still reports each.
     */
    public static final String LEAVE_DRIVERS = "rig.bind=none";
    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-1][0-9a-f]\\.[0-7]");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public GuestInit {
        shares = List.copyOf(shares);
        bdfs = List.copyOf(bdfs);
        env = new LinkedHashMap<>(env);
        for (String b : bdfs) {
            if (!BDF.matcher(b).matches()) {
                throw new IllegalArgumentException("not a PCI address (DDDD:BB:DD.F, lower case): " + b);
            }
        }
        for (String k : env.keySet()) {
            if (!ENV_NAME.matcher(k).matches()) {
                throw new IllegalArgumentException("bad environment variable name: " + k);
            }
        }
        if (shares.stream().noneMatch(s -> s.guestPath().equals(OUT) && !s.readOnly())) {
            throw new IllegalArgumentException("a writable share must be mounted at " + OUT + " for results");
        }
    }

    /** /rig/mounts: one "TAG PATH ro|rw" line per share. */
    String mountsFile() {
        StringBuilder sb = new StringBuilder();
        for (Share s : shares) {
            sb.append(s.tag()).append(' ').append(s.guestPath()).append(' ').append(s.readOnly() ? "ro" : "rw").append('\n');
        }
        return sb.toString();
    }

    String bdfsFile() {
        return bdfs.isEmpty() ? "" : String.join("\n", bdfs) + "\n";
    }

    /** /rig/env.sh: single-quoted exports, so any value survives the shell. */
    String envFile() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
