package io.vfiorig.controller.inventory;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The kernel a virtual host boots: a packaged Debian kernel or a bzImage you built. */
public sealed interface KernelSource {
    /** The spec as written in the inventory, e.g. {@code debian:7.3}. */
    String spec();

    /** The newest Debian kernel of a series or release ({@code debian:7.3}, {@code debian:6.1}, {@code debian:7.3.4}). */
    record Debian(String version) implements KernelSource {
        public String spec() {
            return "debian:" + version;
        }
    }

    /** A bzImage on the machine that runs the virtual host ({@code path:/srv/kernels/bzImage}). */
    record BzImage(Path path) implements KernelSource {
        public String spec() {
            return "path:" + path;
        }
    }

    /**
     * Parses {@code debian:VERSION} or {@code path:/ABSOLUTE/bzImage}.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. a bare {@code 7.3}
     */
    static KernelSource parse(String text) {
        Pattern debianVersion = Pattern.compile("[0-9]{1,2}\\.[0-9]{1,3}(\\.[0-9]{1,4})?");
        String t = text.strip();
        String fix = "write debian:VERSION (e.g. debian:7.3) or path:/ABSOLUTE/PATH/bzImage";
        if (t.startsWith("debian:")) {
            String v = t.substring("debian:".length());
            if (!debianVersion.matcher(v).matches()) {
                throw new BadValue("'" + Values.shorten(v) + "' is not a kernel version", "write the series or release, e.g. debian:7.3 or debian:6.1");
            }
            return new Debian(v);
        }
        if (t.startsWith("path:")) {
            String p = t.substring("path:".length());
            if (!p.startsWith("/") || p.indexOf('\0') >= 0) {
                throw new BadValue("kernel path '" + Values.shorten(p) + "' is not absolute", "write the full path, e.g. path:/srv/kernels/bzImage");
            }
            return new BzImage(Path.of(p));
        }
        if (debianVersion.matcher(t).matches()) {
            throw new BadValue("kernel '" + t + "' does not say where it comes from", "write debian:" + t + " for the Debian package");
        }
        if (t.startsWith("/")) {
            throw new BadValue("kernel '" + Values.shorten(t) + "' does not say where it comes from", "write path:" + Values.shorten(t));
        }
        throw new BadValue("'" + Values.shorten(t) + "' is not a kernel", fix);
    }
}
