package io.vfiorig.controller.transport;

import java.io.IOException;
import com.google.protobuf.ByteString;
import io.grpc.StatusException;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.store.RunHeader;
import io.vfiorig.proto.Report;
import java.util.LinkedHashMap;
import java.util.Map;

/** Run headers of one stream by their bytes: every report repeats its run's header, parsing it once is enough. */
final class HeaderCache {
    private static final int MAX = 64;
    private final Map<ByteString, RunHeader> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, RunHeader> eldest) {
            return size() > MAX;
        }
    };

    private ByteString lastJson; // a stream's reports mostly repeat the last header: comparing beats hashing it
    private RunHeader last;

    synchronized RunHeader parse(ByteString json, Report report) throws StatusException {
        if (json.equals(lastJson)) {
            return last;
        }
        RunHeader h = parsed.get(json);
        if (h == null) {
            h = parseNew(json, report);
            parsed.put(json, h);
        }
        lastJson = json;
        last = h;
        return h;
    }

    private static RunHeader parseNew(ByteString json, Report report) throws StatusException {
        RunHeader h;
        try {
            h = ResultsJson.mapper().readValue(json.toByteArray(), RunHeader.class);
        } catch (IOException e) {
            throw ParsedReport.invalid(ParsedReport.where(report) + ": not a valid run header: " + ParsedReport.rootMessage(e));
        }
        if (h == null) {
            throw ParsedReport.invalid(ParsedReport.where(report) + ": the run header is missing");
        }
        return h;
    }
}
