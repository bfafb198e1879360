package io.vfiorig.suites;

import io.vfiorig.agent.probe.EventLog;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.result.TestResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Where finished tests go: the probe's event log when running under the supervisor, otherwise an
 * in-memory list (for running a suite in-process, e.g. from a unit test).
 */
public final class ResultSink {
    private static volatile EventLog log;
    private static final List<TestResult> collected = new ArrayList<>();

    private ResultSink() {}

    public static void useEventLog(EventLog eventLog) {
        log = eventLog;
    }

    static void testStarted(String test) {
        EventLog l = log;
        if (l != null) {
            l.emit(ProbeEvent.testStart(test));
        }
    }

    static void result(TestResult result) {
        EventLog l = log;
        if (l != null) {
            l.emit(ProbeEvent.result(result));
        }
        synchronized (collected) {
            collected.add(result);
        }
    }

    /** Results collected in this JVM since the last call; clears the list. */
    public static List<TestResult> drain() {
        synchronized (collected) {
            List<TestResult> out = List.copyOf(collected);
            collected.clear();
            return out;
        }
    }
}
