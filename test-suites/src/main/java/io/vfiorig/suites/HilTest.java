package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.scenario.ScenarioReport;
import java.util.function.Function;
import org.testng.Assert;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.SkipException;

/**
 * Shared test body: open the device, run a scenario, hand the report to the result listener,
 * and fail the test naming every broken invariant.
 */
public abstract class HilTest {
    /** Attribute under which the scenario report travels to {@link RigResultListener}. */
    public static final String REPORT = "rig.report";
    public static final String BACKEND = "rig.backend";

    protected static void check(DeviceSpec spec, Function<DeviceUnderTest, ScenarioReport> scenario) {
        ITestResult current = Reporter.getCurrentTestResult();
        ScenarioReport report;
        try (DeviceUnderTest device = DeviceBackends.open(spec)) {
            current.setAttribute(BACKEND, device.backend());
            report = scenario.apply(device);
        }
        current.setAttribute(REPORT, report);
        if (!report.broken().isEmpty()) {
            Assert.fail("broken invariants on " + spec.text() + ":\n" + report.describeBroken());
        }
        if (report.skipReason() != null) {
            throw new SkipException(report.skipReason());
        }
    }
}
