package io.vfiorig.suites;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.kernel.KernelLogCheck;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.scenario.ScenarioReport;
import java.util.List;
import java.util.Map;
import org.testng.ITestListener;
import org.testng.ITestResult;

/**
 * Turns TestNG outcomes into the rig's result model and sends each to the {@link ResultSink} at once.
 * Every test, whatever it does, also gets the {@code kernel-log-clean} verdict: the kernel log is
 * watched from {@link #onTestStart} to the test's end.
 */
public class RigResultListener implements ITestListener {
    static final String KERNEL_LOG = "rig.kernel-log";

    @Override
    public void onTestStart(ITestResult r) {
        r.setAttribute(KERNEL_LOG, KernelLogCheck.start());
        ResultSink.testStarted(testId(r));
    }

    @Override
    public void onTestSuccess(ITestResult r) {
        report(r);
    }

    @Override
    public void onTestFailure(ITestResult r) {
        report(r);
    }

    @Override
    public void onTestSkipped(ITestResult r) {
        report(r);
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult r) {
        report(r);
    }

    private static void report(ITestResult r) {
        TestResult result = toResult(r);
        if (r.getAttribute(KERNEL_LOG) instanceof KernelLogCheck kmsg) {
            result = result.withInvariant(kmsg.finish());
        }
        ResultSink.result(result);
    }

    static TestResult toResult(ITestResult r) {
        String suite = r.getTestContext().getSuite().getName();
        String device = r.getParameters().length > 0 && r.getParameters()[0] instanceof DeviceSpec d ? d.text() : "";
        String backend = r.getAttribute(HilTest.BACKEND) instanceof String b ? b
                : device.contains(":") ? device.substring(0, device.indexOf(':')) : device;
        long ms = Math.max(0, r.getEndMillis() - r.getStartMillis());
        Throwable t = r.getThrowable();
        if (r.getAttribute(HilTest.REPORT) instanceof ScenarioReport report) {
            TestResult res = report.toResult(suite, testId(r), device, backend, ms);
            if (r.getStatus() == ITestResult.FAILURE && res.status() == TestStatus.PASS) {
                return withStatus(res, TestStatus.FAIL, String.valueOf(t));
            }
            return res;
        }
        TestStatus status = switch (r.getStatus()) {
            case ITestResult.SUCCESS -> TestStatus.PASS;
            case ITestResult.SKIP -> TestStatus.SKIP;
            default -> TestStatus.ERROR; // no scenario report: the test never reached the device
        };
        String message = t == null ? "" : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new TestResult(0, suite, testId(r), device, backend, status, ms, message, List.of(), List.of(),
                Map.of(), List.of(), Map.of());
    }

    private static TestResult withStatus(TestResult r, TestStatus status, String message) {
        return new TestResult(r.sequence(), r.suite(), r.test(), r.device(), r.backend(), status, r.durationMs(),
                message, r.invariants(), r.latencies(), r.counters(), r.timeline(), r.facts());
    }

    static String testId(ITestResult r) {
        return r.getMethod().getRealClass().getSimpleName() + "." + r.getMethod().getMethodName();
    }
}
