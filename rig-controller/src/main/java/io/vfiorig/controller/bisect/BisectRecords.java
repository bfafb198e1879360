package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.store.StoredBisection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a finished bisection into the store's record of it. */
public final class BisectRecords {
    private BisectRecords() {}

    /** @return the id a bisection is stored under: the same request gets the same id */
    public static String id(BisectPlan p) {
        return p.mode() + ":" + KernelBuild.abbrev(p.good()) + ".." + KernelBuild.abbrev(p.bad()) + ":" + p.suite() + ":" + p.target();
    }

    /**
     * @return the state a stored bisection was stored from: steps, culprit and its evidence comparison
     * @throws IllegalArgumentException when the stored JSON is not a bisect state
     */
    public static BisectState state(StoredBisection stored) {
        try {
            return ResultsJson.mapper().readValue(stored.resultJson(), BisectState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bisection " + stored.id() + ": its stored state is not readable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    public static StoredBisection of(BisectState s) {
        BisectPlan p = s.plan();
        List<StoredBisection.Step> steps = new ArrayList<>();
        try {
            for (int i = 0; i < s.steps().size(); i++) {
                StepRecord st = s.steps().get(i);
                List<String> runIds = new ArrayList<>();
                for (String dir : st.runs()) {
                    runIds.add(ResultsJson.read(Path.of(dir, "results.json")).runId());
                }
                steps.add(new StoredBisection.Step(i, st.role(), st.rev(), st.label(), st.verdict().id(), st.reason(),
                        ResultsJson.mapper().writeValueAsString(runIds), st.infraFailures().size()));
            }
            return new StoredBisection(id(p), p.mode(), p.tree(), p.good(), p.bad(), p.suite(), p.target(), s.status(),
                    s.culprit(), s.culpritLabel(), s.lastGood(), s.message(), s.kernelsTested(), BisectLog.render(s),
                    ResultsJson.mapper().writeValueAsString(s), steps);
        } catch (IOException e) {
            throw new UncheckedIOException("a run of the bisection is unreadable: " + e.getMessage(), e);
        }
    }
}
