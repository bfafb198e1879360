package io.vfiorig.cli;

import io.vfiorig.agent.report.SummaryTable;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.fleet.FleetSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig demo}: a whole lab in one process. A controller (SQLite file, plaintext on loopback) and
 * one agent; the controller orders the smoke suite on the simulated device, the agent runs it and
 * streams every result through its spool and the real gRPC stream into the store.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a lab in one process: a controller and a local agent. The controller orders the smoke",
            "suite on the simulated device (a memfd BAR going through the real kernel fault path); the agent",
            "runs it and streams the results into the controller's store. Prints the summary and where the",
            "reports, the store and the metrics are. Needs no lab hardware."})
final class DemoCommand implements Callable<Integer> {
    /** The controller's own agent: the fleet places simulated devices on it. */
    static final String HOST = DemoLab.HOST;
    private static final long DRAIN_SECONDS = 120;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "rig-out/demo", paramLabel = "DIR",
            description = "Output directory: reports, controller/results.db, spool/. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> devices = List.of("sim");
        SuiteRunner.validate("smoke", devices);
        PrintWriter err = spec.commandLine().getErr();
        err.println("vfio-rig demo: controller + agent in one process; smoke suite on the simulated device (sim), output in " + out);
        try (DemoLab lab = DemoLab.start(out, devices, FleetSettings.DEFAULTS, err)) {
            lab.connect();
            // As `rig submit` does: the fleet leases the device and orders the run.
            String runId = lab.submit("smoke", "sim");
            RunResults results = lab.completion(runId).get(15, TimeUnit.MINUTES);
            if (results == null) {
                err.println("rig demo: the run could not start; see the lines above");
                return Rig.USAGE_OR_INFRA;
            }
            lab.drain(DRAIN_SECONDS);
            int stored = lab.controller().store().tests(HOST, runId).size();
            PrintWriter o = spec.commandLine().getOut();
            o.println(SummaryTable.render(results));
            o.println("results: " + out.resolve(SuiteRunner.RESULTS).toAbsolutePath() + " (also " + SuiteRunner.JUNIT + ", "
                    + SuiteRunner.KTAP + ")");
            o.println("report: " + out.resolve(SuiteRunner.HTML).toAbsolutePath());
            o.println("store: " + stored + " of " + results.tests().size() + " results of run " + runId + " streamed into "
                    + lab.db() + " (agent " + HOST + ")");
            o.println("metrics: " + lab.adminUrl() + "/metrics (controller), " + lab.agentMetrics().url() + " (agent)");
            if (stored != results.tests().size()) {
                err.println("rig demo: only " + stored + " of " + results.tests().size() + " results reached the store in "
                        + DRAIN_SECONDS + " s; they stay in " + lab.spoolDir() + " and are sent on the next demo");
                return Rig.USAGE_OR_INFRA;
            }
            return results.exitCode();
        }
    }
}
