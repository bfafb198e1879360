package io.vfiorig.controller.bisect;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One finished bisection of a synthetic history with every kind of step (a flaky build, noisy kernels
 * that need repeats, a lab glitch on the culprit), for the report tests. Run once per test JVM (a few seconds).
 */
public final class SyntheticBisection {
    private static BisectState state;
    private static List<String> commits;

    private SyntheticBisection() {}

    /** @return the finished state; its run directories stay on disk */
    public static synchronized BisectState done() throws Exception {
        if (state == null) {
            List<String> o = BisectEngineTest.clean();
            o.set(8, "flaky-build-good");
            o.set(10, "noisy-good");
            o.set(BisectEngineTest.CULPRIT, "flaky-infra-bad");
            o.set(12, "noisy-bad");
            Path root = Files.createTempDirectory("bisect-report-");
            SyntheticHistory h = SyntheticHistory.create(root, o);
            state = BisectEngineTest.bisect(root.resolve("state"), h, h.plan(0, 16), new StringWriter());
            commits = List.copyOf(h.commits);
        }
        return state;
    }

    /** @return the history's commit ids, oldest first */
    public static synchronized List<String> commits() throws Exception {
        done();
        return commits;
    }

    /** The commit the history planted the regression in. */
    public static final int CULPRIT = BisectEngineTest.CULPRIT;
}
