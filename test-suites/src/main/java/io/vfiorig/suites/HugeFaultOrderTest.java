package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import org.testng.annotations.Test;

/** The fault order (4K or 2M) for a 2 MiB-aligned region is what THP and alignment allow. */
public class HugeFaultOrderTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hugeFaultOrder(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> Scenarios.hugeFaultOrder(d, 3));
    }
}
