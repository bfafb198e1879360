package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.RegressionScenarios;
import java.time.Duration;
import org.testng.annotations.Test;

/** Past vfio-pci regressions (reference section 3), each a test that fails if the bug comes back. */
public class VfioRegressionTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void misalignedHugePfn(DeviceSpec device, SuiteSettings settings) {
        check(device, RegressionScenarios::misalignedHugePfn);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void preadIntoOwnBar(DeviceSpec device, SuiteSettings settings) {
        Duration d = Duration.ofMillis(Math.max(100, Math.round(1000 * settings.durationScale())));
        check(device, dev -> RegressionScenarios.preadIntoOwnBar(dev, d));
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hotResetInfo(DeviceSpec device, SuiteSettings settings) {
        check(device, RegressionScenarios::hotResetInfo);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hotResetWithUnopenedMember(DeviceSpec device, SuiteSettings settings) {
        check(device, RegressionScenarios::hotResetWithUnopenedMember);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hotResetUnderLoad(DeviceSpec device, SuiteSettings settings) {
        check(device, d -> RegressionScenarios.hotResetUnderLoad(d, settings.hammer(Duration.ofMillis(1000))));
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hugeFaultThpModes(DeviceSpec device, SuiteSettings settings) {
        check(device, RegressionScenarios::hugeFaultThpModes);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void hugeFaultKernelRecord(DeviceSpec device, SuiteSettings settings) {
        check(device, RegressionScenarios::hugeFaultKernelRecord);
    }
}
