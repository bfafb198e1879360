package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import java.time.Duration;
import org.testng.annotations.Test;

/** Page faults from every hammer thread, no disruption: fault latency and rate. */
public class FaultHammerTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void faultHammer(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> Scenarios.faultHammer(d, settings.hammer(Duration.ofMillis(1500))));
    }
}
