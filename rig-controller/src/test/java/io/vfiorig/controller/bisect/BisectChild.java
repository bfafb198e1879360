package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.inventory.Thresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** A bisection in its own JVM, so a test can kill it with SIGKILL: args STATE_DIR PLAN_JSON RUN_CMD. */
public final class BisectChild {
    private BisectChild() {}

    public static void main(String[] args) throws Exception {
        BisectPlan plan = ResultsJson.mapper().readValue(Path.of(args[1]).toFile(), BisectPlan.class);
        BisectState s = new BisectEngine(Path.of(args[0]),
                new CommandExecution(args[2], plan.suite(), plan.target(), Duration.ofMinutes(1)), Thresholds.DEFAULT,
                new PrintWriter(System.out, true)).run(plan);
        System.exit(BisectState.DONE.equals(s.status()) ? 0 : 1);
    }
}
