package io.vfiorig.cli;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.regress.Regression;
import io.vfiorig.controller.regress.RegressionFinder;
import io.vfiorig.controller.regress.RegressionTable;
import io.vfiorig.controller.store.ResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig regressions}: where the nightly history changed, and what is still worse. */
@Command(name = "regressions", mixinStandardHelpOptions = true,
        description = {"Scan the nightly history in the result store: for every test, device model, backend, suite and",
            "host class, the change points of fault latency p50/p99/p99.9 and the revoke->SIGBUS and",
            "restore->success medians (binary segmentation with a Mann-Whitney test, not a threshold on one",
            "night). A change upwards beyond the metric's threshold is a regression with its last good and",
            "first bad run and kernel; it stays open until a later level is good again (docs/regressions.md).",
            "Exit code: 0 no open regression, 1 open regressions, 2 usage error."},
        footer = {"", "Example:", "  rig regressions --db jdbc:sqlite:rig-out/store.db --inventory inventory.yaml --all"})
final class RegressionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "JDBC_URL", description = "The result store (jdbc:sqlite:PATH or jdbc:postgresql://...).")
    String db;

    @Option(names = "--all", description = "Also list regressions that were fixed later.")
    boolean all;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every regression (open and fixed) as JSON here.")
    Path json;

    @Mixin
    ThresholdOptions thresholdOptions;

    @Override
    public Integer call() throws Exception {
        List<Regression> found;
        try (ResultStore store = ResultStore.open(db)) {
            found = new RegressionFinder(thresholdOptions.thresholds()).find(store);
        }
        spec.commandLine().getOut().print(RegressionTable.render(found, all));
        if (json != null) {
            ResultsJson.writeAtomically(json, ResultsJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(found));
        }
        spec.commandLine().getOut().flush();
        return found.stream().anyMatch(Regression::open) ? Rig.VIOLATIONS : Rig.OK;
    }
}
