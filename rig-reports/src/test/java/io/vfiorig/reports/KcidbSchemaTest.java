package io.vfiorig.reports;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.reports.kcidb.KcidbReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.testng.annotations.Test;

/** The KCIDB output of a real run validates against KCIDB's own v5.3 schema (transcribed in test resources). */
public class KcidbSchemaTest {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(resource("/schemas/kcidb-v05_03.schema.json"), InputFormat.JSON);

    static List<String> errors(JsonNode doc) throws IOException {
        return SCHEMA.validate(ResultsJson.mapper().writeValueAsString(doc), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @Test
    public void realRunIsValidKcidb() throws Exception {
        ObjectNode doc = KcidbReport.render(RealRun.results(), KcidbReport.DEFAULT_ORIGIN);
        assertEquals(errors(doc), List.of());
        assertEquals(doc.get("version").get("major").asInt(), 5);
        assertEquals(doc.get("checkouts").size(), 1);
        assertEquals(doc.get("builds").get(0).get("checkout_id"), doc.get("checkouts").get(0).get("id"));
        String build = doc.get("builds").get(0).get("id").asText();
        JsonNode tests = doc.get("tests");
        assertTrue(StreamSupport.stream(tests.spliterator(), false).allMatch(t -> t.get("build_id").asText().equals(build)));
        long ids = StreamSupport.stream(tests.spliterator(), false).map(t -> t.get("id").asText()).distinct().count();
        assertEquals(ids, tests.size(), "test ids are unique");
    }

    @Test
    public void testsCarryStatusesInvariantsAndNumbersInSeconds() {
        ObjectNode doc = KcidbReport.render(RealRun.results(), "lab_7");
        List<JsonNode> tests = StreamSupport.stream(doc.get("tests").spliterator(), false).toList();
        JsonNode stale = tests.stream().filter(t -> t.get("status").asText().equals("FAIL")
                && t.get("path").asText().endsWith("revokeUnderLoad.no-access-while-revoked")).findFirst().orElseThrow();
        assertTrue(stale.get("log_excerpt").asText().contains("after revoke completed"), stale.toString());
        assertEquals(stale.get("environment").get("misc").get("device").asText(), "sim:bug=stale-mapping");
        JsonNode p99 = tests.stream().filter(t -> t.get("path").asText().endsWith("revokeUnderLoad.fault_latency.p99"))
                .findFirst().orElseThrow();
        assertEquals(p99.get("status").asText(), "DONE");
        assertEquals(p99.get("number").get("unit").asText(), "s");
        long p99Nanos = RealRun.results().tests().get(0).latencies().stream()
                .filter(h -> h.metric().equals("fault_latency")).findFirst().orElseThrow().p99();
        assertEquals(p99.get("number").get("value").asDouble(), p99Nanos / 1e9, 1e-12);
        assertTrue(tests.stream().anyMatch(t -> t.get("status").asText().equals("MISS")
                && t.get("path").asText().equals("vfio_rig.infrastructure.probe-crash")), "infra error as MISS");
        assertTrue(tests.stream().allMatch(t -> t.get("id").asText().startsWith("lab_7:")), "configurable origin");
    }

    @Test
    public void theSchemaIsReallyEnforced() throws Exception {
        // The validator must reject what KCIDB rejects, or the test above proves nothing.
        ObjectNode doc = KcidbReport.render(RealRun.results(), KcidbReport.DEFAULT_ORIGIN);
        ((ObjectNode) doc.get("tests").get(0)).put("origin", "vfio-rig");
        ((ObjectNode) doc.get("tests").get(1)).put("status", "BROKEN");
        ((ObjectNode) doc.get("builds").get(0)).remove("checkout_id");
        ((ObjectNode) doc.get("tests").get(2)).putObject("number").put("unit", "s");
        List<String> errors = errors(doc);
        assertTrue(errors.stream().anyMatch(e -> e.contains("/tests/0/origin")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/tests/1/status")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/builds/0") && e.contains("checkout_id")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/tests/2/number")), errors.toString());
    }

    @Test
    public void invalidOriginIsRefusedWithAFix() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> KcidbReport.render(RealRun.results(), "vfio-rig"));
        assertTrue(e.getMessage().contains("'vfio-rig'") && e.getMessage().contains("vfio_rig"), e.getMessage());
    }

    @Test
    public void writtenFileIsTheSameDocument() throws Exception {
        Path out = Files.createTempDirectory("rig-kcidb-").resolve("run.kcidb.json");
        KcidbReport.write(RealRun.results(), KcidbReport.DEFAULT_ORIGIN, out);
        assertEquals(errors(ResultsJson.mapper().readTree(out.toFile())), List.of());
    }

    static String resource(String name) {
        try (InputStream in = KcidbSchemaTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }
}
