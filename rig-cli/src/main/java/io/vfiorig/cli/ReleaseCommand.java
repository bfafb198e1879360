package io.vfiorig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rig release}: end a lease by hand. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"End a lease on the controller (rig devices --controller URL lists them). Its run, if still",
            "going, is recorded as an infrastructure error and its devices get a health check."})
final class ReleaseCommand extends OperatorCommand {
    @Parameters(index = "0", paramLabel = "LEASE", description = "The lease id, e.g. lease-0c6f….")
    String lease;

    @Override
    int run(ControllerClient client) {
        client.post("/api/leases/" + ControllerClient.segment(lease) + "/release", java.util.Map.of());
        spec.commandLine().getOut().println("released " + lease);
        return Rig.OK;
    }
}
