package io.vfiorig.cli;

import io.vfiorig.controller.inventory.InventoryCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig inventory}: the lab inventory (docs/inventory.md). */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Work with the lab inventory (hosts, devices, virtual hosts, schedule; docs/inventory.md).",
        subcommands = {InventoryCommand.Check.class})
final class InventoryCommand extends CommandGroup {

    /** {@code rig inventory check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate an inventory file: every problem with file:line:column, what is wrong and the",
                "fix. Exit 0 when valid, 2 otherwise. Schema for editors: docs/inventory.schema.json."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", defaultValue = "inventory.yaml", description = "Default: ${DEFAULT-VALUE}.")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return InventoryCheck.run(file, out, err);
        }
    }
}
