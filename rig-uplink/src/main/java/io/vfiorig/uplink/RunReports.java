package io.vfiorig.uplink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.proto.Report;
import io.vfiorig.proto.RunFinished;
import io.vfiorig.proto.TestReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Builds the reports of one run: its results and its end, each carrying the run header (the
 * controller's {@code RunHeader} as JSON: suite, device, backend, device model, start, environment).
 */
public final class RunReports {
    private static final ObjectMapper JSON = ResultsJson.mapper();

    private final String runId;
    private final ByteString header;
    private final LongSupplier epochMillis;

    /**
     * @param device      device spec(s), {@code ;}-separated
     * @param backend     {@code sim}, {@code vfio}, {@code vm}
     * @param deviceModel what baselines group by ({@code sim}, or the PCI vendor:device)
     */
    public RunReports(String runId, String suite, String device, String backend, String deviceModel, String startedAt,
            Environment environment) {
        this(runId, suite, device, backend, deviceModel, startedAt, environment, System::currentTimeMillis);
    }

    /** @param epochMillis the clock that stamps each result's spool time (tests fix it) */
    RunReports(String runId, String suite, String device, String backend, String deviceModel, String startedAt,
            Environment environment, LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
        if (runId.isBlank() || runId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("run id '" + runId + "' must be non-empty and without spaces");
        }
        this.runId = runId;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("resultsSchema", RunResults.SCHEMA_VERSION);
        h.put("suite", suite);
        h.put("device", device);
        h.put("backend", backend);
        h.put("deviceModel", deviceModel);
        h.put("startedAt", startedAt);
        h.put("environment", environment);
        this.header = ByteString.copyFrom(json(h));
    }

    public String runId() {
        return runId;
    }

    /** The report of one result, stamped now: it is built right before it is spooled. */
    public Report result(TestResult r) {
        return Report.newBuilder().setRunId(runId).setHeaderJson(header)
                .setResult(TestReport.newBuilder().setSequence(r.sequence()).setResultJson(ByteString.copyFrom(json(r)))
                        .setSpooledAtEpochMs(epochMillis.getAsLong()))
                .build();
    }

    /** The run's end, as the controller's {@code RunEnd}: status {@code passed}, {@code violations} or {@code infrastructure-error}. */
    public Report finished(String finishedAt, String status, int exitCode, List<InfraError> infraErrors) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("finishedAt", finishedAt);
        end.put("status", status);
        end.put("exitCode", exitCode);
        end.put("infraErrors", infraErrors);
        return Report.newBuilder().setRunId(runId).setHeaderJson(header)
                .setFinished(RunFinished.newBuilder().setEndJson(ByteString.copyFrom(json(end)))).build();
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + o.getClass().getSimpleName(), e);
        }
    }
}
