package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.Scenarios;
import org.testng.annotations.Test;

/** Registers and data read correctly on a freshly opened device. */
public class ReadWriteTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void readWrite(DeviceSpec device, SuiteSettings settings) {
        check(device, Scenarios::readWrite);
    }
}
