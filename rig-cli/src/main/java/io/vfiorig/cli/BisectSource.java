package io.vfiorig.cli;

import io.vfiorig.controller.bisect.BisectLog;
import io.vfiorig.controller.bisect.BisectRecords;
import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.StateFile;
import io.vfiorig.controller.report.BisectEvidence;
import io.vfiorig.controller.report.ComparedRuns;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoredBisection;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code rig bisect log} and {@code rig bisect report} read a bisection: a saved state directory or the store. */
final class BisectSource {
    @Option(names = "--state", defaultValue = "rig-out/bisect", paramLabel = "DIR",
            description = "The bisection saved in this directory. Default: ${DEFAULT-VALUE}.")
    Path state;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Read a stored bisection from this result store instead (with --id).")
    String db;

    @Option(names = "--id", paramLabel = "ID",
            description = "The stored bisection's id, as rig bisect --db printed it (MODE:GOOD..BAD:SUITE:TARGET).")
    String id;

    /**
     * A bisection as read: its state, the runs behind its evidence (for plots), its git bisect log.
     *
     * @param evidenceRuns whatever runs of the culprit and its good neighbour are still readable
     */
    record Loaded(BisectState state, ComparedRuns evidenceRuns, String log) {}

    Loaded load() throws IOException {
        if ((db == null) != (id == null)) {
            throw new IllegalArgumentException("a stored bisection needs both --db JDBC_URL and --id ID"
                    + " (rig bisect --db prints the id as 'stored as bisection ID')");
        }
        if (db == null) {
            BisectState s = StateFile.load(state).orElseThrow(() -> new IllegalArgumentException("no bisection in " + state
                    + " (no " + StateFile.NAME + "); pass --state DIR, or --db URL --id ID for a stored one"));
            return new Loaded(s, BisectEvidence.fromDirs(s), BisectLog.render(s));
        }
        try (ResultStore store = ResultStore.open(db)) {
            StoredBisection stored = store.bisection(id).orElseThrow(() -> new IllegalArgumentException("no bisection '" + id
                    + "' in " + db + "; the id is printed by rig bisect --db as 'stored as bisection ID'"));
            BisectState s = BisectRecords.state(stored);
            ComparedRuns runs = BisectEvidence.fromStore(stored, s, store);
            if (runs.baseline() == null && runs.candidate() == null) {
                runs = BisectEvidence.fromDirs(s); // the runs were not ingested; their directories may still exist
            }
            return new Loaded(s, runs, stored.bisectLog());
        }
    }
}
