package io.vfiorig.controller.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.TimelineEvent;
import java.util.List;

/**
 * The two columns stored as JSON text: invariant evidence and a test's timeline. Both are only
 * ever read whole, and in the same JSON form results.json uses (the rig's one mapper).
 */
final class JsonColumns {
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};
    private static final TypeReference<List<TimelineEvent>> TIMELINE = new TypeReference<>() {};

    private JsonColumns() {}

    static String evidence(List<Evidence> evidence) {
        return write(evidence);
    }

    static List<Evidence> evidence(String json) {
        return read(json, EVIDENCE);
    }

    static String timeline(List<TimelineEvent> timeline) {
        return write(timeline);
    }

    static List<TimelineEvent> timeline(String json) {
        return read(json, TIMELINE);
    }

    private static String write(Object value) {
        try {
            return ResultsJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            List<T> list = ResultsJson.mapper().readValue(json, type);
            return list == null ? List.of() : list;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column in the result store: " + json, e);
        }
    }
}
