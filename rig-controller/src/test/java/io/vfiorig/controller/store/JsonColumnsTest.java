package io.vfiorig.controller.store;

import static org.testng.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vfiorig.agent.report.ResultsJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testng.annotations.Test;

/** The hand-written counters and facts columns: the same text Jackson writes, and they read back equal. */
public class JsonColumnsTest {
    private static final ObjectWriter JACKSON = ResultsJson.mapper().writer()
            .without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    public void countersAndFactsAreWhatJacksonWouldWrite() throws Exception {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("zeta", Long.MAX_VALUE);
        counters.put("alpha", null);
        counters.put("neg", -3L);
        counters.put("quote\"back\\slash", 0L);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("thp", "always [madvise] never");
        facts.put("ctl", "tab\tnl\nbell\u0007");
        facts.put("unicode", "µ→ 😀");
        facts.put("none", null);
        facts.put("", "");
        assertEquals(JsonColumns.counters(counters), JACKSON.writeValueAsString(counters));
        assertEquals(JsonColumns.facts(facts), JACKSON.writeValueAsString(facts));
        assertEquals(JsonColumns.counters(Map.of()), "{}");
        assertEquals(JsonColumns.facts(Map.of()), "{}");
        assertEquals(JsonColumns.counters(JsonColumns.counters(counters)), counters);
        assertEquals(JsonColumns.facts(JsonColumns.facts(facts)), facts);
    }
}
