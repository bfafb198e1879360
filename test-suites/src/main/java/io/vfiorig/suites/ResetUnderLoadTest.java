package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import java.time.Duration;
import org.testng.annotations.Test;

/** Device resets while every thread faults: access and registers back after each reset. */
public class ResetUnderLoadTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void resetUnderLoad(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> Scenarios.resetUnderLoad(d, settings.hammer(Duration.ofMillis(1500))));
    }
}
