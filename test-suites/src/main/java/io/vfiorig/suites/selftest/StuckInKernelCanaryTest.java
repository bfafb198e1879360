package io.vfiorig.suites.selftest;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import io.vfiorig.suites.Devices;
import io.vfiorig.suites.HilTest;
import io.vfiorig.suites.SuiteSettings;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * Self-test of stuck-thread handling, only in the {@code selftest-stuck} suite: revoke under load
 * where the revoke, after revoking, sticks inside the kernel (D state). The watchdog must report
 * {@code no-stuck-thread} as a finding (not an infrastructure error) with the thread's kernel
 * stack; in the virtual lab host also with the console's sysrq-w dump, after which the guest is
 * torn down.
 */
public class StuckInKernelCanaryTest extends HilTest {
    private static final Duration WATCHDOG = Duration.ofSeconds(3);

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void revokeStuckInTheKernel(DeviceSpec spec, SuiteSettings settings) {
        check(spec, d -> {
            StuckRevokeDevice stuck = new StuckRevokeDevice(d);
            try {
                return Scenarios.revokeUnderLoad(stuck, settings.hammer(Duration.ofSeconds(20)).withWatchdog(WATCHDOG));
            } finally {
                stuck.close(); // frees the hang; HilTest closes the device
            }
        });
    }
}
