package io.vfiorig.controller.transport;

import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.grpc.Status;
import io.grpc.StatusException;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.store.CheckedResult;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.controller.store.RunHeader;
import io.vfiorig.proto.Report;

/**
 * A report off the wire, decoded and checked before anything is stored: either a result (checked as
 * the store will write it) or a run's end.
 */
record ParsedReport(String runId, RunHeader header, CheckedResult checked, RunEnd end, long spooledAtMs) {
    private static final ObjectReader RESULT = ResultsJson.mapper().readerFor(TestResult.class);
    private static final ObjectReader END = ResultsJson.mapper().readerFor(RunEnd.class);

    /** @throws StatusException INVALID_ARGUMENT saying which report and what is wrong */
    static ParsedReport of(Report r, HeaderCache headers) throws StatusException {
        if (r.getRunId().isBlank() || r.getRunId().length() > 200 || r.getRunId().chars().anyMatch(Character::isWhitespace)) {
            throw invalid(where(r) + ": run id must be 1-200 characters without spaces");
        }
        RunHeader header = headers.parse(r.getHeaderJson(), r);
        try {
            return switch (r.getBodyCase()) {
                case RESULT -> {
                    TestResult t = RESULT.readValue(r.getResult().getResultJson().toByteArray());
                    if (t == null || t.sequence() != r.getResult().getSequence()) {
                        throw invalid(where(r) + ": the result's sequence (" + (t == null ? "none" : t.sequence())
                                + ") differs from the report's");
                    }
                    CheckedResult checked;
                    try {
                        checked = ResultStore.check(t);
                    } catch (IllegalArgumentException e) {
                        throw invalid(where(r) + ": " + e.getMessage());
                    }
                    yield new ParsedReport(r.getRunId(), header, checked, null, r.getResult().getSpooledAtEpochMs());
                }
                case FINISHED -> new ParsedReport(r.getRunId(), header, null,
                        END.readValue(r.getFinished().getEndJson().toByteArray()), 0);
                case BODY_NOT_SET -> throw invalid(where(r) + ": neither a result nor a run end");
            };
        } catch (IOException e) {
            throw invalid(where(r) + ": not a valid " + (r.hasResult() ? "test result" : "run end") + ": "
                    + rootMessage(e));
        }
    }

    /** Which report, for error messages: built only when one is needed. */
    static String where(Report r) {
        return "report of run '" + r.getRunId() + "'"
                + (r.hasResult() ? " sequence " + r.getResult().getSequence() : r.hasFinished() ? " (run end)" : "");
    }

    /** The result, canonical; null for a run's end. */
    TestResult result() {
        return checked == null ? null : checked.result();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static StatusException invalid(String why) {
        return Status.INVALID_ARGUMENT.withDescription(why + "; nothing of this batch was stored").asException();
    }
}
