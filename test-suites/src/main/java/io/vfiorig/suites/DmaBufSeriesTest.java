package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.scenario.DmaBufScenarios;
import org.testng.annotations.Test;

/**
 * The DMABUF-mmap series table, one test per row (docs/vfio-series.md). Each row knows which answer
 * the kernel owes (with the series, DMA_BUF export only, no DMA_BUF) and skips, naming the kernel
 * release and errno, where the kernel lacks the feature.
 */
public class DmaBufSeriesTest extends HilTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void barMapInProcMaps(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::barMapInProcMaps);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void memoryOffOn(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::memoryOffOn);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufExport(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufExport);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufMmap(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufMmap);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufMmapRejects(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufMmapRejects);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void memoryOffWhileDmaBufMapped(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::memoryOffWhileDmaBufMapped);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufRevoke(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufRevoke);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufRevokeTwice(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufRevokeTwice);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void afterRevoke(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::afterRevoke);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void dmaBufMemattrWc(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::dmaBufMemattrWc);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void mappingHoldsDeviceOpen(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::mappingHoldsDeviceOpen);
    }

    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void deviceCloseRevokesExports(DeviceSpec device, SuiteSettings settings) {
        check(device, DmaBufScenarios::deviceCloseRevokesExports);
    }
}
