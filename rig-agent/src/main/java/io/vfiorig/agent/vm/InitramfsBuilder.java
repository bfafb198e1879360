package io.vfiorig.agent.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the guest's initramfs (gzip'd newc cpio): a static busybox, the kernel's VFIO and 9p
 * modules when it has any, the host glibc libraries the host JDK needs (the JDK itself comes in
 * over 9p at its host path, so no chroot or guest distribution is needed), and /init with its
 * run files. Rebuilt for every run: it takes well under a second and holds the run's payload.
 */
public final class InitramfsBuilder {
    static final String INIT_TEMPLATE = "/vm/init.sh";

    /**
     * @param file    the gzip'd cpio
     * @param modules module names /init will load, in order (empty for a built-in kernel)
     * @param libs    host libraries copied in
     */
    public record Initramfs(Path file, List<String> modules, List<Path> libs, long bytes) {}

    private InitramfsBuilder() {}

    public static Initramfs build(GuestKernel kernel, Path javaHome, GuestInit init, Path out) throws GuestSetupException {
        Path busybox = HostTools.staticBusybox();
        List<Path> libs = HostLibraries.forJdk(javaHome);
        List<KernelModules.Module> modules;
        try {
            modules = kernel.modulesDir().isPresent() ? KernelModules.guestModules(kernel.modulesDir().get()) : List.of();
        } catch (GuestSetupException e) {
            throw e;
        } catch (IOException e) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS,
                    "cannot resolve the guest modules of " + kernel.origin() + ": " + e.getMessage(), ""), e);
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (CpioWriter cpio = new CpioWriter(new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                write(cpio, kernel, busybox, libs, modules, init);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Initramfs(out, modules.stream().map(KernelModules.Module::name).toList(), libs, Files.size(out));
        } catch (GuestSetupException e) {
            throw e;
        } catch (IOException e) {
            throw new GuestSetupException(new GuestFailure(GuestFailure.INITRAMFS, "cannot write " + out + ": " + e.getMessage(), ""), e);
        }
    }

    private static void write(CpioWriter cpio, GuestKernel kernel, Path busybox, List<Path> libs,
            List<KernelModules.Module> modules, GuestInit init) throws IOException {
        for (String d : List.of("bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "run", "root", "etc", "rig")) {
            cpio.dir(d);
        }
        // the kernel opens /dev/console for init's stdin/stdout before anything mounts devtmpfs
        cpio.charDevice("dev/console", 0600, 5, 1);
        cpio.charDevice("dev/null", 0666, 1, 3);
        // a real file: busybox decides what to be from argv[0], and a busybox -> busybox link loops
        cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
        cpio.symlink("bin/sh", "busybox");
        cpio.file("init", 0755, initScript().getBytes(StandardCharsets.UTF_8));
        cpio.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
        cpio.file("etc/group", 0644, "root:x:0:\n".getBytes(StandardCharsets.US_ASCII));
        for (Path lib : libs) {
            // the path the loader asks for (/lib64/ld-linux..., /lib/x86_64-linux-gnu/libc.so.6),
            // with the content of whatever it links to on the host
            cpio.file(lib.toString(), 0755, Files.readAllBytes(lib.toRealPath()));
        }
        List<String> modulePaths = new ArrayList<>();
        for (KernelModules.Module m : modules) {
            String path = "/lib/modules/" + kernel.release() + "/rig/" + m.initramfsName();
            cpio.file(path, 0644, KernelModules.read(m.file()));
            modulePaths.add(path);
        }
        cpio.file("rig/modules", 0644, lines(modulePaths));
        cpio.file("rig/mounts", 0644, init.mountsFile().getBytes(StandardCharsets.UTF_8));
        cpio.file("rig/bdfs", 0644, init.bdfsFile().getBytes(StandardCharsets.UTF_8));
        cpio.file("rig/env.sh", 0644, init.envFile().getBytes(StandardCharsets.UTF_8));
        cpio.file("rig/payload.sh", 0755, init.payload().getBytes(StandardCharsets.UTF_8));
    }

    /** The /init script: the template with the names the host also uses filled in. */
    static String initScript() throws IOException {
        String t;
        try (InputStream in = InitramfsBuilder.class.getResourceAsStream(INIT_TEMPLATE)) {
            if (in == null) {
                throw new IOException("resource " + INIT_TEMPLATE + " missing from the rig-agent jar");
            }
            t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return t.replace("@OUT@", GuestInit.OUT).replace("@MARKER@", GuestInit.MARKER)
                .replace("@LEAVE_DRIVERS@", GuestInit.LEAVE_DRIVERS);
    }

    private static byte[] lines(List<String> l) {
        return (l.isEmpty() ? "" : String.join("\n", l) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
