package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's shared libraries a JDK needs, found with {@code ldd}: the guest mounts the host JDK
 * over 9p at its host path, so only the libraries outside the JDK (glibc, the dynamic loader)
 * have to be in the initramfs, at the paths the JDK's binaries will look for them.
 */
public final class HostLibraries {
    /** The JDK's headless native libraries; GUI ones would pull in X11 for nothing. */
    static final List<String> JDK_BINARIES = List.of("bin/java", "lib/server/libjvm.so", "lib/libjli.so",
            "lib/libjava.so", "lib/libnio.so", "lib/libnet.so", "lib/libzip.so", "lib/libjimage.so",
            "lib/libverify.so", "lib/libsimdsort.so", "lib/libjsvml.so", "lib/libsyslookup.so",
            "lib/libmanagement.so", "lib/libmanagement_ext.so", "lib/libextnet.so", "lib/libinstrument.so",
            "lib/libattach.so");
    /**
     * Loaded with dlopen at run time, so ldd cannot see them: glibc's libgcc_s (needed to unwind
     * on pthread_exit/cancel), plus the libraries the reference guest carried.
     */
    static final List<String> DLOPENED = List.of("libgcc_s.so.1", "libm.so.6", "librt.so.1", "libdl.so.2",
            "libpthread.so.0", "libz.so.1");
    private static final Pattern RESOLVED = Pattern.compile("=>\\s+(/\\S+)\\s+\\(");
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(");

    private HostLibraries() {}

    /** Absolute paths, as the dynamic loader will ask for them, of every library outside {@code javaHome}. */
    public static List<Path> forJdk(Path jdk) throws GuestSetupException {
        Path ldd = HostTools.require("ldd", "libc-bin");
        Path javaHome = jdk.toAbsolutePath().normalize();
        try {
            javaHome = javaHome.toRealPath(); // ldd prints resolved paths: compare like with like
        } catch (IOException e) {
            // a missing JDK is reported below
        }
        List<String> cmd = new ArrayList<>(List.of(ldd.toString()));
        for (String b : JDK_BINARIES) {
            if (Files.isRegularFile(javaHome.resolve(b))) {
                cmd.add(javaHome.resolve(b).toString());
            }
        }
        if (cmd.size() == 1) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS, "no JDK at " + javaHome,
                    "point java.home/JAVA_HOME at a JDK >= 25"));
        }
        String out;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS, "ldd failed: " + e.getMessage(), ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS, "interrupted running ldd", ""), e);
        }
        Set<Path> libs = new TreeSet<>(parseLdd(out, javaHome));
        if (libs.stream().noneMatch(p -> p.getFileName().toString().startsWith("libc.so"))) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS,
                    "ldd found no libc for " + javaHome + " (a static or foreign JDK?): " + out.strip().lines().findFirst().orElse(""),
                    "use a glibc-linked JDK such as Temurin"));
        }
        // dlopen'ed ones live beside libc
        Path libDir = libs.stream().filter(p -> p.getFileName().toString().startsWith("libc.so")).findFirst().orElseThrow().getParent();
        for (String name : DLOPENED) {
            if (Files.isRegularFile(libDir.resolve(name))) {
                libs.add(libDir.resolve(name));
            }
        }
        return List.copyOf(libs);
    }

    /** Library paths from ldd's output, skipping the vDSO, "not found" lines and the JDK's own libraries. */
    static List<Path> parseLdd(String lddOutput, Path javaHome) {
        List<Path> out = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher m = RESOLVED.matcher(line);
            Matcher l = LOADER.matcher(line);
            String path = m.find() ? m.group(1) : l.find() ? l.group(1) : null;
            if (path == null) {
                continue;
            }
            Path p = Path.of(path).normalize();
            if (!p.startsWith(javaHome) && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
