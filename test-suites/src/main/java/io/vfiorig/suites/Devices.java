package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import java.util.Arrays;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;

/**
 * The one data provider every suite uses: each test runs once per device under test, whatever
 * the backend (the probe sets {@code rig.devices}, e.g. {@code sim} or {@code sim;sim:bug=slow-fault}).
 */
public final class Devices {
    public static final String PROPERTY = "rig.devices";

    private Devices() {}

    @DataProvider(name = "devices")
    public static Object[][] devices(ITestContext ctx) {
        SuiteSettings settings = SuiteSettings.from(ctx);
        return Arrays.stream(System.getProperty(PROPERTY, "sim").split(";"))
                .filter(s -> !s.isBlank())
                .map(s -> new Object[] {DeviceSpec.parse(s), settings})
                .toArray(Object[][]::new);
    }
}
