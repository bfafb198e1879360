package io.vfiorig.cli;

import io.vfiorig.agent.report.SummaryTable;
import io.vfiorig.agent.result.RunResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig demo}: the smoke suite on the simulated device, no hardware needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the smoke suite on the simulated device (a memfd BAR going through the real",
            "kernel fault path), print the summary and write the reports. Needs no lab hardware."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "rig-out/demo", paramLabel = "DIR",
            description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> devices = List.of("sim");
        SuiteRunner.validate("smoke", devices);
        spec.commandLine().getErr().println("vfio-rig demo: smoke suite on the simulated device (sim), output in " + out);
        RunResults results = SuiteRunner.run("smoke", devices, out, Duration.ofMinutes(10), Map.of(), spec.commandLine().getErr());
        spec.commandLine().getOut().println(SummaryTable.render(results));
        spec.commandLine().getOut().println("results: " + out.resolve(SuiteRunner.RESULTS).toAbsolutePath() + " (also "
                + SuiteRunner.JUNIT + ", " + SuiteRunner.KTAP + ")");
        spec.commandLine().getOut().println("report: " + out.resolve(SuiteRunner.HTML).toAbsolutePath());
        return results.exitCode();
    }
}
