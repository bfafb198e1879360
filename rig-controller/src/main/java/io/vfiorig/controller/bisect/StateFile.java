package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code bisect-state.json} in the bisection's directory: written whole to a temporary file and
 * renamed over the old one, so a kill at any moment leaves the previous or the new state, never half.
 */
public final class StateFile {
    public static final String NAME = "bisect-state.json";

    private StateFile() {}

    public static Optional<BisectState> load(Path dir) throws IOException {
        Path f = dir.resolve(NAME);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultsJson.mapper().readValue(f.toFile(), BisectState.class));
        } catch (IOException e) {
            throw new IOException(f + ": not a bisect state file (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to start afresh", e);
        }
    }

    static void save(Path dir, BisectState state) throws IOException {
        ResultsJson.writeAtomically(dir.resolve(NAME), ResultsJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }
}
