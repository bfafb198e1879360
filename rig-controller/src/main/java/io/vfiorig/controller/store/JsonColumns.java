package io.vfiorig.controller.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.TimelineEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The columns stored as JSON text: invariant evidence, and a test's timeline, counters and facts.
 * All are only ever read whole, and in the same JSON form results.json uses (the rig's one mapper),
 * except that map entries keep the test's order instead of being sorted by key.
 */
final class JsonColumns {
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};
    private static final TypeReference<List<TimelineEvent>> TIMELINE = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTERS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> FACTS = new TypeReference<>() {};
    // results.json sorts map keys; the store keeps the order the result came in, so it reads back equal.
    private static final ObjectWriter WRITER = ResultsJson.mapper().writer()
            .without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonColumns() {}

    static String evidence(List<Evidence> evidence) {
        return write(evidence);
    }

    static List<Evidence> evidence(String json) {
        return read(json, EVIDENCE);
    }

    static String timeline(List<TimelineEvent> timeline) {
        return timeline.isEmpty() ? "[]" : write(timeline);
    }

    static List<TimelineEvent> timeline(String json) {
        return read(json, TIMELINE);
    }

    /** Counter values in their order, a null value as JSON {@code null}. */
    static String counters(Map<String, Long> counters) {
        return object(counters, (b, v) -> b.append(v == null ? "null" : v.toString()));
    }

    static Map<String, Long> counters(String json) {
        return readMap(json, COUNTERS);
    }

    static String facts(Map<String, String> facts) {
        return object(facts, JsonColumns::quoted);
    }

    /**
     * A flat map as a JSON object, written directly: a databind writer per column was a quarter of the
     * ingest threads' time. Same text as Jackson writes (compact, keys in the map's order).
     */
    private static <V> String object(Map<String, V> map, BiConsumer<StringBuilder, V> value) {
        if (map.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder(16 * map.size() + 2).append('{');
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quoted(b, e.getKey());
            b.append(':');
            value.accept(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void quoted(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, b);
        b.append('"');
    }

    static Map<String, String> facts(String json) {
        return readMap(json, FACTS);
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        List<T> list = parse(json, type);
        return list == null ? List.of() : list;
    }

    private static <V> Map<String, V> readMap(String json, TypeReference<LinkedHashMap<String, V>> type) {
        Map<String, V> map = parse(json, type);
        return map == null ? new LinkedHashMap<>() : map;
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return ResultsJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column in the result store: " + json, e);
        }
    }
}
