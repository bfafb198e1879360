package io.vfiorig.agent.result;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run happened: enough to compare like with like later.
 *
 * @param host          host name
 * @param kernelRelease {@code uname -r} of the kernel under test
 * @param kernelVersion the kernel's build string (/proc/sys/kernel/version)
 * @param arch          machine architecture
 * @param cpus          online CPUs
 * @param javaVersion   runtime version of the probe JVM
 * @param rigVersion    vfio-rig version
 */
public record Environment(String host, String kernelRelease, String kernelVersion, String arch, int cpus,
        String javaVersion, String rigVersion) {

    public static Environment current() {
        return new Environment(hostName(), read("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
                read("/proc/sys/kernel/version", ""), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.version().toString(), RigVersion.get());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return read("/proc/sys/kernel/hostname", "unknown");
        }
    }

    private static String read(String path, String fallback) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
