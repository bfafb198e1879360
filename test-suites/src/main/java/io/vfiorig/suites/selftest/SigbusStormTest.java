package io.vfiorig.suites.selftest;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import io.vfiorig.suites.Devices;
import io.vfiorig.suites.HilTest;
import io.vfiorig.suites.SuiteSettings;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * Self-test, only in the {@code selftest-sigbus} suite: the probe JVM takes a storm of SIGBUS
 * (default one million, {@code rig.sigbus.target}) from every hammer thread on a revoked BAR and
 * must survive it with every access classified.
 */
public class SigbusStormTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void sigbusStorm(DeviceSpec device, SuiteSettings settings) {
        long target = Long.getLong("rig.sigbus.target", 1_000_000L);
        check(device, d -> Scenarios.sigbusStorm(d, settings.hammer(Duration.ofMinutes(5)), target));
    }
}
