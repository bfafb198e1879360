package io.vfiorig.agent.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ResultsJsonTest {
    private Path dir;

    @BeforeMethod
    public void makeDir() throws IOException {
        dir = Files.createTempDirectory("results-json");
    }

    @AfterMethod(alwaysRun = true)
    public void removeDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    public void roundTripGivesEqualResults() throws IOException {
        RunResults original = SampleResults.run();
        Path file = dir.resolve("results.json");
        ResultsJson.write(original, file);
        RunResults back = ResultsJson.read(file);
        assertEquals(back, original);
        // Record equality covers nested records; check the histogram survives as a histogram too.
        TestResult passed = back.tests().get(0);
        assertEquals(passed.latencies().get(0).decode().getTotalCount(), 1000);
    }

    @Test
    public void writeIsPrettyAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve("sub/dir/results.json");
        ResultsJson.write(SampleResults.run(), file);
        ResultsJson.write(SampleResults.run(), file); // replacing an existing file works too
        String text = Files.readString(file);
        assertTrue(text.lines().count() > 50, "expected pretty-printed JSON, got:\n" + text);
        assertTrue(text.contains("\"schemaVersion\": " + RunResults.SCHEMA_VERSION), text);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(files.map(p -> p.getFileName().toString()).toList(), List.of("results.json"));
        }
    }

    @Test
    public void mapperWritesOneLine() throws IOException {
        String line = ResultsJson.mapper().writeValueAsString(SampleResults.run());
        assertFalse(line.contains("\n"), line);
        assertEquals(ResultsJson.mapper().readValue(line, RunResults.class), SampleResults.run());
    }

    @Test
    public void unknownFieldsAreIgnored() throws IOException {
        ObjectNode tree = ResultsJson.mapper().valueToTree(SampleResults.run());
        tree.put("addedByANewerRig", "whatever");
        ((ObjectNode) tree.get("tests").get(0)).put("alsoNew", 7);
        Path file = dir.resolve("results.json");
        Files.writeString(file, tree.toString());
        assertEquals(ResultsJson.read(file), SampleResults.run());
    }

    @Test
    public void newerSchemaIsRefusedNamingTheFile() throws IOException {
        ObjectNode tree = ResultsJson.mapper().valueToTree(SampleResults.run());
        tree.put("schemaVersion", RunResults.SCHEMA_VERSION + 1);
        Path file = dir.resolve("from-the-future.json");
        Files.writeString(file, tree.toString());
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultsJson.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("schemaVersion " + (RunResults.SCHEMA_VERSION + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    public void malformedFilesAreRefusedNamingTheFileAndTheProblem() throws IOException {
        assertRefused("truncated.json", "{\"schemaVersion\": 1, \"tests\": [", "not valid JSON");
        assertRefused("empty.json", "", "empty");
        assertRefused("array.json", "[1, 2]", "JSON object");
        assertRefused("no-version.json", "{\"runId\": \"x\"}", "no schemaVersion");
        assertRefused("text-version.json", "{\"schemaVersion\": \"one\"}", "positive integer");
        assertRefused("wrong-type.json", "{\"schemaVersion\": 1, \"tests\": \"many\"}", "results schema");
        assertRefused("trailing.json", "{\"schemaVersion\": 1} {}", "not valid JSON");
    }

    private void assertRefused(String name, String content, String expected) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultsJson.read(file));
        assertTrue(e.getMessage().contains(file.toString()), name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}
