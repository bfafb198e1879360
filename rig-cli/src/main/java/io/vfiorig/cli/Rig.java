package io.vfiorig.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rig} command. */
@Command(name = "rig", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "vfio-rig: hardware-in-the-loop tests for the Linux VFIO PCI BAR mmap, fault and revoke path.",
            "Hammers page faults on device BAR mappings while a disruptor revokes them, checks the",
            "kernel's promises (SIGBUS while revoked, data back after restore, no hang, fault size)",
            "and records latency in HDR histograms."},
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, DevicesCommand.class, BenchCommand.class, InventoryCommand.class,
            CompareCommand.class, RegressionsCommand.class, BisectCommand.class,
            RestoreCommand.class, VmCommand.class, SubmitCommand.class, ReleaseCommand.class, UnquarantineCommand.class,
            ControllerCommand.class, AgentCommand.class, CaCommand.class, PrometheusCommand.class,
            CommandLine.HelpCommand.class})
public final class Rig {
    /** Exit codes shared by every subcommand. */
    public static final int OK = 0;
    public static final int VIOLATIONS = 1;
    public static final int USAGE_OR_INFRA = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Rig());
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            usage.handleParseException(ex, args);
            return USAGE_OR_INFRA;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + (ex instanceof IllegalArgumentException
                    ? ex.getMessage() : ex.toString()));
            return USAGE_OR_INFRA;
        });
        return cl;
    }
}
