package io.vfiorig.agent.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vfiorig.agent.result.RunResults;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes {@code results.json}, and owns the one Jackson configuration the rig uses for
 * all of its JSON (results, probe event lines).
 */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Forward compatibility: a newer rig may add fields an older reader does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A file with garbage after the object is damaged, not "the first object".
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Stable key order for counters/facts maps, so results diff cleanly between runs.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ResultsJson() {}

    /**
     * The shared, configured mapper: records supported, unknown properties ignored, map keys
     * sorted, compact output ({@code writeValueAsString} gives one line, fit for JSON lines).
     * Thread-safe; callers must not reconfigure it.
     *
     * @return the rig's JSON mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes {@code r} as pretty-printed JSON. The file is written next to its final name and
     * renamed into place, so a reader (or a crash) never sees half a file.
     *
     * @param r    the run's results
     * @param file destination, typically {@code results.json}; parent directories are created
     * @throws IOException if the file cannot be written
     */
    public static void write(RunResults r, Path file) throws IOException {
        byte[] json = PRETTY.writeValueAsBytes(r);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        writeAtomically(file, withNewline);
    }

    /**
     * Reads a results file written by this or an older rig.
     *
     * @param file the {@code results.json} to read
     * @return the results
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the file is not valid results JSON or was written by a
     *                                  newer rig (schemaVersion above {@link RunResults#SCHEMA_VERSION})
     */
    public static RunResults read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw malformed(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw malformed(file, "the file is empty", null);
        }
        if (!tree.isObject()) {
            throw malformed(file, "expected a JSON object at the top level, found " + tree.getNodeType(), null);
        }
        checkSchemaVersion(file, tree.get("schemaVersion"));
        try {
            return MAPPER.treeToValue(tree, RunResults.class);
        } catch (JacksonException e) {
            throw malformed(file, "does not match the results schema: " + e.getOriginalMessage(), e);
        }
    }

    private static void checkSchemaVersion(Path file, JsonNode version) {
        if (version == null || version.isNull()) {
            throw malformed(file, "no schemaVersion field (is this a vfio-rig results.json?)", null);
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw malformed(file, "schemaVersion must be a positive integer, found " + version, null);
        }
        if (version.intValue() > RunResults.SCHEMA_VERSION) {
            throw new IllegalArgumentException(file + ": schemaVersion " + version.intValue()
                    + " is newer than this rig understands (" + RunResults.SCHEMA_VERSION
                    + "); read it with a newer vfio-rig");
        }
    }

    private static IllegalArgumentException malformed(Path file, String what, Exception cause) {
        return new IllegalArgumentException(file + ": malformed results file: " + what, cause);
    }

    /**
     * Writes {@code content} to a temporary file in {@code file}'s directory, syncs it and renames
     * it over {@code file}. Shared by every report writer (here and in rig-reports)
     * and by the controller's JSON files (comparisons, bisect state).
     *
     * @param file    destination; parent directories are created
     * @param content the complete file content
     * @throws IOException if the file cannot be written
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file 0600, and reports are meant to be shared.
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // The rig provokes kernel crashes; the data must be on disk before the rename is.
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
