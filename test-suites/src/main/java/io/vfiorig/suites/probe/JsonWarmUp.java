package io.vfiorig.suites.probe;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.result.TimelineEvent;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Encodes one sample result before any test runs, so Jackson introspects every result record type
 * while the probe is still single-threaded: a failure there is a clear startup error, not a lost
 * result in the middle of a suite.
 */
final class JsonWarmUp {
    static final String TEST = "probe.warm-up";

    private JsonWarmUp() {}

    static void encodeSampleResult() throws Exception {
        Histogram h = new Histogram(3);
        h.recordValue(1000);
        TestResult sample = new TestResult(0, "warm-up", TEST, "sim", "sim", TestStatus.PASS, 0, "",
                List.of(new InvariantOutcome("warm-up", InvariantOutcome.Status.PASS, 0, "",
                        List.of(Evidence.of("warm-up")))),
                List.of(HistogramSummary.of("fault_latency", h)), Map.of("n", 1L),
                List.of(new TimelineEvent(0, "ACTIVE", "start")), Map.of("k", "v"));
        ResultsJson.mapper().writeValueAsString(ProbeEvent.result(sample));
    }
}
