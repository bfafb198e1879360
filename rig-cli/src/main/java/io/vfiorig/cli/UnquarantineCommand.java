package io.vfiorig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rig unquarantine}: give a quarantined device another chance. */
@Command(name = "unquarantine", mixinStandardHelpOptions = true,
        description = {"Take a device out of quarantine once it is fixed: it becomes unknown, its failure count is",
            "cleared, and a health-check run decides whether it is healthy again."})
final class UnquarantineCommand extends OperatorCommand {
    @Parameters(index = "0", paramLabel = "HOST", description = "The device's host, as in the inventory.")
    String host;

    @Parameters(index = "1", paramLabel = "BDF", description = "The device: PCI address (0000:3b:00.0), label or spec.")
    String device;

    @Override
    int run(ControllerClient client) {
        client.post("/api/devices/" + ControllerClient.segment(device) + "/unquarantine?host="
                + ControllerClient.segment(host), java.util.Map.of());
        spec.commandLine().getOut().println("unquarantined " + device + " on " + host + ": a health check is queued");
        return Rig.OK;
    }
}
