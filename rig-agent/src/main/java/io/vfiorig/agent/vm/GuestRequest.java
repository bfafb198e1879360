package io.vfiorig.agent.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One guest run: which kernel, which devices, what to run.
 *
 * @param kernel      the kernel to boot
 * @param devices     emulated devices; each is bound to vfio-pci before the payload runs
 * @param payload     busybox sh script; runs in the results folder with JAVA_HOME, RIG_BDFS and RIG_OUT set
 * @param workDir     host folder for the initramfs, console log, QEMU log and the results share ({@code out/})
 * @param javaHome    the host JDK the guest mounts (read-only, at the same path)
 * @param shares      extra 9p shares (e.g. the rig's class path)
 * @param env         extra environment for the payload
 * @param timeout     whole-guest deadline (boot + payload); QEMU is killed past it
 * @param memoryMiB   guest RAM
 * @param cpus        guest CPUs (1 on shared machines)
 * @param extraAppend extra kernel command-line words
 * @param accel       KVM or TCG
 */
public record GuestRequest(GuestKernel kernel, List<VmDevice> devices, String payload, Path workDir, Path javaHome,
        List<Share> shares, Map<String, String> env, Duration timeout, int memoryMiB, int cpus,
        List<String> extraAppend, Accel accel) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public GuestRequest {
        devices = List.copyOf(devices);
        shares = List.copyOf(shares);
        env = Map.copyOf(env);
        extraAppend = List.copyOf(extraAppend);
    }

    /** Defaults: this JVM's JDK, 120 s, 1 GiB, 1 CPU, KVM if available. */
    public static GuestRequest of(GuestKernel kernel, List<VmDevice> devices, String payload, Path workDir) {
        return new GuestRequest(kernel, devices, payload, workDir, Path.of(System.getProperty("java.home")), List.of(),
                Map.of(), DEFAULT_TIMEOUT, 1024, 1, List.of(), Accel.detect());
    }

    public GuestRequest withTimeout(Duration t) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, shares, env, t, memoryMiB, cpus, extraAppend, accel);
    }

    public GuestRequest withShares(List<Share> s) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, s, env, timeout, memoryMiB, cpus, extraAppend, accel);
    }

    public GuestRequest withEnv(Map<String, String> e) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, shares, e, timeout, memoryMiB, cpus, extraAppend, accel);
    }

    public GuestRequest withMemoryMiB(int m) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, shares, env, timeout, m, cpus, extraAppend, accel);
    }

    public GuestRequest withExtraAppend(List<String> a) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, shares, env, timeout, memoryMiB, cpus, a, accel);
    }

    public GuestRequest withAccel(Accel a) {
        return new GuestRequest(kernel, devices, payload, workDir, javaHome, shares, env, timeout, memoryMiB, cpus, extraAppend, a);
    }
}
