package io.vfiorig.controller.compare;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunHeader;
import io.vfiorig.controller.store.StoredRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a run named on the command line: a {@code results.json}, a run's output directory, or a
 * run id in the result store ({@code AGENT/RUN_ID} when two agents used the id).
 */
public final class RunLocator {
    private RunLocator() {}

    /**
     * @param ref       path or run id
     * @param store     the result store, or {@code null} when none was given
     * @param hostClass host class for a {@code results.json} (the store knows its own), or null
     * @throws IllegalArgumentException naming what was tried when the run is not found
     */
    public static RunSet locate(String ref, ResultStore store, String hostClass) {
        Path p = Path.of(ref);
        Path file = Files.isDirectory(p) ? p.resolve("results.json") : p;
        if (Files.isRegularFile(file)) {
            try {
                return RunSet.of(ResultsJson.read(file), hostClass);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": not a readable results.json: " + e.getMessage(), e);
            }
        }
        if (store == null) {
            throw new IllegalArgumentException("'" + ref + "' is not a results.json or a run directory;"
                    + " for a run id in the store pass --db jdbc:sqlite:PATH");
        }
        int slash = ref.indexOf('/');
        Optional<StoredRun> run = slash > 0 ? store.run(ref.substring(0, slash), ref.substring(slash + 1)) : store.run(ref);
        StoredRun r = run.orElseThrow(() -> new IllegalArgumentException("no run '" + ref
                + "' in the store and no such file; list runs with the store or pass a results.json path"));
        RunHeader h = r.header();
        RunResults results = r.toRunResults(store.tests(r.agent(), r.runId()));
        return new RunSet(r.runId(), new Platform(h.deviceModel(), h.backend(), h.hostClass()), java.util.List.of(results));
    }
}
