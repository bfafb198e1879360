package io.vfiorig.agent.vm;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A host directory the guest mounts over virtio-9p. No guest networking: this is how the JDK and
 * the rig get in and how results get out.
 *
 * @param tag       the 9p mount tag (letters, digits, '-', '_'; at most 31 characters)
 * @param hostPath  directory on the host
 * @param guestPath where /init mounts it in the guest
 * @param readOnly  mounted read-only (and cached: it will not change under the guest)
 */
public record Share(String tag, Path hostPath, String guestPath, boolean readOnly) {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,31}");
    /** Guest paths end up in /rig/mounts, read by /init word by word: no spaces. */
    private static final Pattern GUEST_PATH = Pattern.compile("/[A-Za-z0-9_./+@-]*");

    public Share {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("bad 9p mount tag '" + tag + "': letters, digits, '-', '_', at most 31");
        }
        if (!GUEST_PATH.matcher(guestPath).matches() || guestPath.contains("..") || guestPath.equals("/")) {
            throw new IllegalArgumentException("bad guest mount point '" + guestPath + "': an absolute path without spaces");
        }
        hostPath = hostPath.toAbsolutePath().normalize();
    }

    public static Share readOnly(String tag, Path hostPath, String guestPath) {
        return new Share(tag, hostPath, guestPath, true);
    }

    public static Share writable(String tag, Path hostPath, String guestPath) {
        return new Share(tag, hostPath, guestPath, false);
    }

    /** The same directory at the same path in the guest, read-only: used for the JDK, so paths need no translation. */
    public static Share samePathReadOnly(String tag, Path hostPath) {
        Path p = hostPath.toAbsolutePath().normalize();
        return new Share(tag, p, p.toString(), true);
    }
}
