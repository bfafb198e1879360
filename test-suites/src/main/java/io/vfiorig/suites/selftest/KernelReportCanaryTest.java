package io.vfiorig.suites.selftest;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.vfio.KernelLogWatcher;
import io.vfiorig.agent.device.vfio.VfioOptions;
import io.vfiorig.suites.Devices;
import io.vfiorig.suites.SuiteSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testng.Assert;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * Self-test of {@code kernel-log-clean}, only in the {@code selftest-kernel} suite: makes the kernel
 * itself print a hung-task report, on a vfio device, in a kernel with hung-task detection. The test's
 * own checks pass; the kernel's report must still fail it.
 *
 * <p>How: with the device held open, a shell unbinds it from vfio-pci. vfio waits for the device
 * to be released, interruptibly at first; after a SIGKILL it waits uninterruptibly (10 s at a
 * time), so with {@code hung_task_timeout_secs} at 2 the kernel reports "INFO: task sh:PID blocked
 * for more than 2 seconds" with the stack through {@code vfio_unregister_group_dev}. Closing the
 * device lets the unbind finish; the test binds the device back to vfio-pci. (The debug guest
 * kernel has no LKDTM or fault injection to WARN on demand; this is the kernel's own report, not a
 * line written into /dev/kmsg, which the rig ignores as user space's.)
 */
public class KernelReportCanaryTest {
    private static final Path HUNG_TASK_TIMEOUT = Path.of("/proc/sys/kernel/hung_task_timeout_secs");
    private static final long REPORT_WAIT_MS = 40_000;

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hungTaskReportWhileUnbindingAnOpenDevice(DeviceSpec spec, SuiteSettings settings) throws Exception {
        if (!"vfio".equals(spec.backend()) || !Files.isWritable(HUNG_TASK_TIMEOUT)) {
            throw new SkipException("needs a vfio device and a kernel with hung-task detection, as root");
        }
        String bdf = VfioOptions.parse(spec).bdf();
        Path dev = Path.of("/sys/bus/pci/devices", bdf);
        String oldTimeout = Files.readString(HUNG_TASK_TIMEOUT).strip();
        Process unbind;
        boolean reported;
        try (KernelLogWatcher log = KernelLogWatcher.open()) {
            Files.writeString(HUNG_TASK_TIMEOUT, "2");
            try (DeviceUnderTest device = DeviceBackends.open(spec)) {
                unbind = new ProcessBuilder("sh", "-c", "echo " + bdf + " > " + dev.resolve("driver/unbind"))
                        .redirectErrorStream(true).start();
                awaitLine(log, "Relaying device request to user", "No device request channel", "blocked until");
                unbind.destroyForcibly(); // SIGKILL: vfio's wait turns uninterruptible
                reported = awaitLine(log, "blocked for more than");
                Assert.assertTrue(unbind.isAlive(), "the unbind waits while the device is open");
            } finally {
                Files.writeString(HUNG_TASK_TIMEOUT, oldTimeout);
            }
        }
        Assert.assertTrue(unbind.waitFor(30, TimeUnit.SECONDS), "closing the device let the unbind finish");
        rebind(bdf, dev);
        Assert.assertTrue(reported, "the kernel printed no hung-task report within " + REPORT_WAIT_MS + " ms");
    }

    /** Waits until the kernel logs a line containing any of {@code parts}; false after the wait. */
    private static boolean awaitLine(KernelLogWatcher log, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_WAIT_MS);
        while (System.nanoTime() < deadline) {
            for (String line : log.lines()) {
                for (String p : parts) {
                    if (line.contains(p)) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** driver_override still says vfio-pci: a probe binds it back. */
    private static void rebind(String bdf, Path dev) throws IOException {
        Files.writeString(Path.of("/sys/bus/pci/drivers_probe"), bdf);
        Path driver = dev.resolve("driver");
        Assert.assertTrue(Files.exists(driver) && driver.toRealPath().getFileName().toString().equals("vfio-pci"),
                bdf + " is back on vfio-pci");
    }
}
