package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import java.time.Duration;
import org.testng.annotations.Test;

/** Close the device fd while its BAR is mapped and hammered: the mapping holds the device open. */
public class CloseWhileMappedTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void closeWhileMapped(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> Scenarios.closeWhileMapped(d, settings.hammer(Duration.ofMillis(1500))));
    }
}
