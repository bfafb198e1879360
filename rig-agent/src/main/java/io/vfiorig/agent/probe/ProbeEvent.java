package io.vfiorig.agent.probe;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;

/**
 * One line of the probe's event stream (JSON lines). The probe writes each event with one
 * {@code write(2)} as it happens, so everything written before a crash of the probe JVM survives.
 *
 * @param type     {@code env}, {@code test-start}, {@code result}, {@code progress}, {@code suite-end}
 * @param test     test id for test-start
 * @param result   the finished test, for result
 * @param progress live counters, for progress
 * @param env      the probe's environment, for env
 */
public record ProbeEvent(String type, String test, TestResult result, Progress progress, Environment env) {
    public static ProbeEvent env(Environment e) {
        return new ProbeEvent("env", null, null, null, e);
    }

    public static ProbeEvent testStart(String test) {
        return new ProbeEvent("test-start", test, null, null, null);
    }

    public static ProbeEvent result(TestResult r) {
        return new ProbeEvent("result", r.test(), r, null, null);
    }

    public static ProbeEvent progress(Progress p) {
        return new ProbeEvent("progress", null, null, p, null);
    }

    public static ProbeEvent suiteEnd() {
        return new ProbeEvent("suite-end", null, null, null, null);
    }
}
