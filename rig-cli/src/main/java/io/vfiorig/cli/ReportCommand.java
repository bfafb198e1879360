package io.vfiorig.cli;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.reports.kcidb.KcidbReport;
import io.vfiorig.reports.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig report}: the HTML report and KCIDB JSON of a finished run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render a finished run's results.json as a self-contained HTML report (SVG plots, no",
            "network needed to view) and/or as KCIDB v5 JSON for submission to KernelCI.",
            "Without --html or --kcidb, writes report.html next to results.json.",
            "With --store, RUN_ID names a run in the result store instead (then --html or --kcidb is needed)."},
        footer = {"", "Examples:",
            "  rig report rig-out/demo                       # rig-out/demo/report.html",
            "  rig report out/smoke/results.json --html /tmp/smoke.html --kcidb /tmp/smoke.kcidb.json",
            "  rig report --store jdbc:sqlite:lab.db 20260101T020000Z-1a2b --html nightly.html",
            "  kcidb-submit -p PROJECT -t TOPIC < /tmp/smoke.kcidb.json"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_JSON|RUN_DIR|RUN_ID",
            description = "A results.json, the run's output directory holding one, or with --store a run id.")
    String input;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Read the run from this result store (jdbc:sqlite:PATH or jdbc:postgresql://...; docs/store.md).")
    String store;

    @Option(names = "--html", paramLabel = "OUT", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--kcidb", paramLabel = "OUT", description = "Write KCIDB v5 JSON here.")
    Path kcidb;

    @Option(names = "--origin", defaultValue = KcidbReport.DEFAULT_ORIGIN,
            description = "KCIDB origin (the submitting CI system, [a-z0-9_]+). Default: ${DEFAULT-VALUE}.")
    String origin;

    @Override
    public Integer call() throws Exception {
        Path results = store == null ? resultsFile(Path.of(input)) : null;
        if (results == null && html == null && kcidb == null) {
            throw new IllegalArgumentException("with --store, say where to write: --html OUT and/or --kcidb OUT");
        }
        RunResults r = results != null ? ResultsJson.read(results) : fromStore(store, input);
        if (kcidb != null) {
            KcidbReport.render(r, origin); // refuse a bad origin before writing anything
        }
        Path htmlOut = html != null ? html : kcidb == null ? results.resolveSibling(RunReport.FILE) : null;
        if (htmlOut != null) {
            RunReport.write(r, htmlOut);
            spec.commandLine().getOut().println("report: " + htmlOut.toAbsolutePath());
        }
        if (kcidb != null) {
            KcidbReport.write(r, origin, kcidb);
            spec.commandLine().getOut().println("kcidb: " + kcidb.toAbsolutePath());
        }
        return Rig.OK;
    }

    private static Path resultsFile(Path in) {
        Path results = Files.isDirectory(in) ? in.resolve(SuiteRunner.RESULTS) : in;
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(results + ": no such results file; give a results.json or the"
                    + " output directory of 'rig run' (or --store URL RUN_ID)");
        }
        return results;
    }

    private static RunResults fromStore(String url, String runId) throws Exception {
        try (ResultStore s = ResultStore.open(url)) {
            return s.runResults(runId).orElseThrow(() -> new IllegalArgumentException(
                    "no run '" + runId + "' in " + url + "; list runs with the store's history queries (docs/store.md)"));
        }
    }
}
