package io.vfiorig.cli;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.metrics.ScrapeTargets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig prometheus}: Prometheus files for the lab (docs/dashboards.md). */
@Command(name = "prometheus", mixinStandardHelpOptions = true,
        description = "Prometheus files for the lab: the agents' scrape targets (docs/dashboards.md).",
        subcommands = {PrometheusCommand.Targets.class})
final class PrometheusCommand extends CommandGroup {

    /** {@code rig prometheus targets}. */
    @Command(name = "targets", mixinStandardHelpOptions = true,
            description = {"Write the agents' scrape targets for Prometheus' file_sd_configs from",
                "the inventory: one target ADDRESS:PORT per host, labelled host=NAME.",
                "Prometheus re-reads the file when it changes: rerun after editing the inventory."},
            footer = {"", "Example:",
                "  rig prometheus targets --inventory inventory.yaml \\",
                "      --out prometheus/targets/rig-agents.json"})
    static final class Targets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--inventory", defaultValue = "inventory.yaml", paramLabel = "FILE",
                description = "The lab inventory (docs/inventory.md). Default: ${DEFAULT-VALUE}.")
        Path inventory;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the targets here (atomically). Default: standard output.")
        Path out;

        @Option(names = "--port", defaultValue = "" + ScrapeTargets.DEFAULT_AGENT_PORT, paramLabel = "PORT",
                description = "The port of every agent's metrics (rig agent --metrics ADDR:PORT). Default: ${DEFAULT-VALUE}.")
        int port;

        @Override
        public Integer call() throws Exception {
            Optional<Inventory> loaded = InventoryFile.load(inventory, spec.commandLine().getErr(), "rig prometheus targets: "
                    + inventory + " is not a valid inventory; fix the problems above (rig inventory check " + inventory + ")");
            if (loaded.isEmpty()) {
                return Rig.USAGE_OR_INFRA;
            }
            Inventory inv = loaded.get();
            byte[] json = (ResultsJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ScrapeTargets.of(inv, port)) + "\n").getBytes(StandardCharsets.UTF_8);
            if (out == null) {
                spec.commandLine().getOut().print(new String(json, StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            } else {
                ResultsJson.writeAtomically(out, json);
                spec.commandLine().getErr().println("targets: " + inv.hosts().size() + " agent(s) written to " + out);
            }
            return Rig.OK;
        }
    }
}
