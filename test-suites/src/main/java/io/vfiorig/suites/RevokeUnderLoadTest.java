package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import java.time.Duration;
import org.testng.annotations.Test;

/** Revoke and restore while every thread faults: SIGBUS while revoked, data back after. */
public class RevokeUnderLoadTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void revokeUnderLoad(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> Scenarios.revokeUnderLoad(d, settings.hammer(Duration.ofMillis(2500))));
    }
}
