package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The published schema accepts the sample, describes every key, and rejects what the loader rejects. */
public class InventorySchemaTest {
    @Test
    public void sampleValidatesAgainstTheSchemaAndLoads() throws Exception {
        String sample = Repo.sampleText();
        assertEquals(SchemaValidator.errors(sample), List.of());
        InventoryLoader.load(Repo.sample());
    }

    @Test
    public void baseOfTheInvalidFilesIsValidForBoth() throws Exception {
        String base = resource("valid-base.yaml");
        assertEquals(SchemaValidator.errors(base), List.of());
        InventoryLoader.parse(base, "valid-base.yaml");
    }

    @Test
    public void docsCopyAndClasspathCopyAreTheSame() throws IOException {
        assertEquals(InventorySchema.text(), Files.readString(Repo.root().resolve("docs/inventory.schema.json")),
                "copy docs/inventory.schema.json to rig-controller/src/main/resources/inventory/");
    }

    @Test
    public void isDraft2020_12WithItsId() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(InventorySchema.text());
        assertEquals(schema.get("$schema").asText(), "https://json-schema.org/draft/2020-12/schema");
        assertEquals(schema.get("$id").asText(), InventorySchema.ID);
    }

    @Test
    public void everyPropertyHasADescription() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(InventorySchema.text());
        List<String> undescribed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        walk(schema, "", undescribed, seen);
        assertEquals(undescribed, List.of(), "properties without a description (editors show it on hover)");
        assertTrue(seen.size() >= 45, "the walk found the properties: " + seen.size());
    }

    private static void walk(JsonNode node, String where, List<String> undescribed, List<String> seen) {
        if (node.isObject()) {
            JsonNode props = node.get("properties");
            if (props != null) {
                for (Map.Entry<String, JsonNode> p : props.properties()) {
                    seen.add(where + "/" + p.getKey());
                    if (!p.getValue().hasNonNull("description") || p.getValue().get("description").asText().isBlank()) {
                        undescribed.add(where + "/" + p.getKey());
                    }
                }
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), where + "/" + e.getKey(), undescribed, seen);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, undescribed, seen);
            }
        }
    }

    @Test
    public void theSchemaKnowsEveryTopLevelKeyTheLoaderKnows() throws IOException {
        JsonNode props = new ObjectMapper().readTree(InventorySchema.text()).get("properties");
        List<String> keys = new ArrayList<>();
        props.fieldNames().forEachRemaining(keys::add);
        // the loader lists its keys in the fix for an unknown one
        String fix = Repo.problems("version: 1\nlab: x\nsimulated: [{device: sim}]\nzzzzzz: 1\n").getFirst().fix();
        assertEquals(fix, "remove it; the keys here are " + String.join(", ", keys));
    }

    @DataProvider
    public Object[][] levels() {
        return new Object[][] {
                {"/$defs/host", "    address: h1.example.net\n", "    zzzzzz: 1\n"},
                {"/$defs/hostDevice", "        label: dsa-0\n", "        zzzzzz: 1\n"},
                {"/$defs/virtualHost", "    kernel: debian:7.3\n", "    zzzzzz: 1\n"},
                {"/$defs/simulated", "  - device: sim\n", "    zzzzzz: 1\n"},
                {"/$defs/suite", "    base: nightly\n", "    zzzzzz: 1\n"},
                {"/properties/schedule", "schedule:\n", "  zzzzzz: 1\n"},
                {"/properties/schedule/properties/nightly", "    time-zone: Europe/Berlin\n", "    zzzzzz: 1\n"},
                {"/$defs/baseline", "    run: latest-good\n", "    zzzzzz: 1\n"},
                {"/properties/thresholds", "thresholds:\n", "  zzzzzz: {relative-shift: 0.1, confidence: 0.9}\n"},
                {"/$defs/threshold", "confidence: 0.95", ", zzzzzz: 1"},
                {"/properties/retention", "retention:\n", "  zzzzzz: 1\n"},
        };
    }

    /** At every level, the keys the loader accepts are the properties the schema declares, and both refuse others. */
    @Test(dataProvider = "levels")
    public void schemaAndLoaderKnowTheSameKeys(String pointer, String after, String inserted) throws Exception {
        String base = resource("valid-base.yaml");
        assertEquals(base.split(java.util.regex.Pattern.quote(after), -1).length, 2, "insertion point is unique: " + after);
        String text = base.replace(after, after + inserted);
        JsonNode props = new ObjectMapper().readTree(InventorySchema.text()).at(pointer + "/properties");
        java.util.Set<String> schemaKeys = new java.util.TreeSet<>();
        props.fieldNames().forEachRemaining(schemaKeys::add);
        Problem p = Repo.problems(text).getFirst();
        assertEquals(p.message(), "unknown key 'zzzzzz'");
        java.util.Set<String> loaderKeys = new java.util.TreeSet<>(List.of(p.fix().replace("remove it; the keys here are ", "").split(", ")));
        assertEquals(loaderKeys, schemaKeys, pointer);
        assertFalse(SchemaValidator.errors(text).isEmpty(), pointer + ": the schema accepted an unknown key");
    }

    @DataProvider
    public Object[][] invalidFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(InventorySchemaTest.class.getResource("/inventory/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Object[]> rows = files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(f -> new Object[] {f.getFileName().toString()}).toList();
            assertTrue(rows.size() >= 20, "the invalid set is there: " + rows.size());
            return rows.toArray(Object[][]::new);
        }
    }

    /** Each file says on its first line where the loader must point: {@code # loader: hosts[0].adress}. */
    @Test(dataProvider = "invalidFiles")
    public void rejectedByBothSchemaAndLoader(String name) throws Exception {
        String text = resource("invalid/" + name);
        String expectedPath = text.lines().findFirst().orElseThrow().replaceFirst("^# loader: ?", "");
        List<String> schemaErrors = SchemaValidator.errors(text);
        assertFalse(schemaErrors.isEmpty(), name + ": the schema accepted it");
        List<Problem> problems = Repo.problems(text);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals(expectedPath)),
                name + ": the loader should point at '" + expectedPath + "', said:\n" + problems.stream().map(Problem::toString).toList()
                        + "\nschema said: " + schemaErrors);
    }

    private static String resource(String name) throws IOException {
        try (var in = InventorySchemaTest.class.getResourceAsStream("/inventory/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
