package io.vfiorig.cli;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.reports.kcidb.KcidbReport;
import io.vfiorig.reports.run.RunReport;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            "Without --html or --kcidb, writes report.html next to results.json."},
        footer = {"", "Examples:",
            "  rig report rig-out/demo                       # rig-out/demo/report.html",
            "  rig report out/smoke/results.json --html /tmp/smoke.html --kcidb /tmp/smoke.kcidb.json",
            "  kcidb-submit -p PROJECT -t TOPIC < /tmp/smoke.kcidb.json"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_JSON|RUN_DIR",
            description = "A results.json, or the run's output directory holding one.")
    Path input;

    @Option(names = "--html", paramLabel = "OUT", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--kcidb", paramLabel = "OUT", description = "Write KCIDB v5 JSON here.")
    Path kcidb;

    @Option(names = "--origin", defaultValue = KcidbReport.DEFAULT_ORIGIN,
            description = "KCIDB origin (the submitting CI system, [a-z0-9_]+). Default: ${DEFAULT-VALUE}.")
    String origin;

    @Override
    public Integer call() throws Exception {
        Path results = Files.isDirectory(input) ? input.resolve(SuiteRunner.RESULTS) : input;
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(results + ": no such results file; give a results.json or the"
                    + " output directory of 'rig run'");
        }
        RunResults r;
        try {
            r = ResultsJson.read(results);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(results + ": cannot be read", e);
        }
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
}
