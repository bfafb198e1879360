package io.vfiorig.controller.report;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.StepRecord;
import io.vfiorig.controller.compare.Platform;
import io.vfiorig.controller.compare.RunSet;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoredBisection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the runs behind a bisection's evidence (the culprit and its good neighbour) for the report's
 * plots: in the run directories the state file names, or in the result store by run id. Runs that
 * are gone leave that side without plots; the evidence table itself is in the state.
 */
public final class BisectEvidence {
    private BisectEvidence() {}

    /** From the run directories of a bisection's state (its {@code --state} directory still holds them). */
    public static ComparedRuns fromDirs(BisectState s) {
        if (s.evidence() == null) {
            return ComparedRuns.NONE;
        }
        return new ComparedRuns(fromDirs(s, s.lastGood(), s.evidence().baseline()), fromDirs(s, s.culprit(), s.evidence().candidate()));
    }

    /** From the store, by the run ids the stored steps recorded. */
    public static ComparedRuns fromStore(StoredBisection stored, BisectState s, ResultStore store) {
        if (s.evidence() == null) {
            return ComparedRuns.NONE;
        }
        return new ComparedRuns(fromStore(stored, s.lastGood(), s.evidence().baseline(), store),
                fromStore(stored, s.culprit(), s.evidence().candidate(), store));
    }

    private static RunSet fromDirs(BisectState s, String rev, String label) {
        Optional<StepRecord> step = s.steps().stream().filter(st -> st.rev().equals(rev)).reduce((a, b) -> b);
        List<RunResults> runs = new ArrayList<>();
        for (String dir : step.map(StepRecord::runs).orElse(List.of())) {
            Path f = Path.of(dir, "results.json");
            if (Files.isRegularFile(f)) {
                try {
                    runs.add(ResultsJson.read(f));
                } catch (IOException e) {
                    // An unreadable run only costs the plot; the evidence numbers are in the state.
                }
            }
        }
        return runs.isEmpty() ? null : new RunSet(label, Platform.of(runs.getFirst(), null), runs);
    }

    private static RunSet fromStore(StoredBisection stored, String rev, String label, ResultStore store) {
        Optional<StoredBisection.Step> step = stored.steps().stream().filter(st -> st.rev().equals(rev)).reduce((a, b) -> b);
        if (step.isEmpty()) {
            return null;
        }
        List<RunResults> runs = new ArrayList<>();
        try {
            for (String id : ResultsJson.mapper().readValue(step.get().runIds(), String[].class)) {
                store.run(id).ifPresent(r -> runs.add(r.toRunResults(store.tests(r.agent(), r.runId()))));
            }
        } catch (IOException e) {
            return null;
        }
        return runs.isEmpty() ? null : new RunSet(label, Platform.of(runs.getFirst(), null), runs);
    }
}
