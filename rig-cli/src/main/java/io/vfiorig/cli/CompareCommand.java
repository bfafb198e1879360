package io.vfiorig.cli;

import io.vfiorig.controller.compare.Comparer;
import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.ComparisonJson;
import io.vfiorig.controller.compare.ComparisonTable;
import io.vfiorig.controller.compare.RunLocator;
import io.vfiorig.controller.compare.RunSet;
import io.vfiorig.controller.report.ComparedRuns;
import io.vfiorig.controller.report.ComparisonReport;
import io.vfiorig.controller.store.ResultStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig compare}: a candidate run against a baseline run, per test and metric. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare run B (candidate) with run A (baseline): per test the shift of fault latency p50, p99,",
            "p99.9 and max, revoke->SIGBUS and restore->success medians and fault counts, with a bootstrap",
            "confidence interval, and invariant outcomes. Verdicts: good, weak (a shift not established at the",
            "threshold's confidence), bad (established, or any invariant violated), skip (infrastructure error).",
            "Only the same device model, backend and host class are compared (docs/regressions.md).",
            "Exit code: 0 good, 1 bad, 2 usage error, not comparable or nothing comparable (skip), 3 weak."},
        footer = {"", "Examples:",
            "  rig compare rig-out/base rig-out/candidate",
            "  rig compare --db jdbc:sqlite:rig-out/store.db 20261125T010000Z-1a2b 20261126T010000Z-3c4d --json cmp.json",
            "  rig compare --inventory inventory.yaml base/results.json new/results.json",
            "  rig compare rig-out/base rig-out/candidate --html compare.html   # self-contained page with plots"})
final class CompareCommand implements Callable<Integer> {
    static final int WEAK = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "Baseline: results.json, a run's output directory, or a run id in --db.")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Candidate, the same forms.")
    String runB;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Result store holding run ids (jdbc:sqlite:PATH or jdbc:postgresql://...).")
    String db;

    @Option(names = "--host-class", paramLabel = "CLASS",
            description = "Host class of runs given as results.json (the store knows its own runs' class).")
    String hostClass;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report here: verdict, per-metric shifts with intervals, overlaid latency CDFs.")
    Path html;

    @Mixin
    ThresholdOptions thresholdOptions;

    @Override
    public Integer call() throws Exception {
        Comparer comparer = new Comparer(thresholdOptions.thresholds());
        Comparison c;
        RunSet a;
        RunSet b;
        try (ResultStore store = db == null ? null : ResultStore.open(db)) {
            a = RunLocator.locate(runA, store, hostClass);
            b = RunLocator.locate(runB, store, hostClass);
            c = comparer.compare(a, b);
        }
        spec.commandLine().getOut().print(ComparisonTable.render(c));
        spec.commandLine().getOut().flush();
        if (json != null) {
            ComparisonJson.write(c, json);
            spec.commandLine().getOut().println("json: " + json);
        }
        if (html != null) {
            // Written for a comparison that is not comparable too: the page says why.
            ComparisonReport.write(c, new ComparedRuns(a, b), html);
            spec.commandLine().getOut().println("html: " + html);
        }
        if (!c.comparable()) {
            spec.commandLine().getErr().println("rig compare: " + runA + " and " + runB + " are not comparable ("
                    + String.join("; ", c.notComparableBecause()) + "); compare runs of the same device model, backend and host class");
            return Rig.USAGE_OR_INFRA;
        }
        return exitCode(c);
    }

    static int exitCode(Comparison c) {
        return switch (c.verdict()) {
            case GOOD -> Rig.OK;
            case BAD -> Rig.VIOLATIONS;
            case WEAK -> WEAK;
            case SKIP -> Rig.USAGE_OR_INFRA;
        };
    }
}
