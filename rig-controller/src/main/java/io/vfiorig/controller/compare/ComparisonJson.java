package io.vfiorig.controller.compare;

import io.vfiorig.agent.report.ResultsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@link Comparison} as JSON, with the rig's one Jackson configuration, for reports and tools. */
public final class ComparisonJson {
    private ComparisonJson() {}

    public static String toJson(Comparison c) {
        try {
            return ResultsJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Comparison read(Path file) throws IOException {
        return ResultsJson.mapper().readValue(file.toFile(), Comparison.class);
    }

    public static void write(Comparison c, Path file) throws IOException {
        ResultsJson.writeAtomically(file, (toJson(c) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
