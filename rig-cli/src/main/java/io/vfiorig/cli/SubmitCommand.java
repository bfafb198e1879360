package io.vfiorig.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rig submit}: queue a run on the controller. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Queue a suite on a lab host's devices through the controller. The run waits for its",
            "lease (the device's whole IOMMU group) and for the device to be healthy; prints the run ids."})
final class SubmitCommand extends OperatorCommand {
    @Option(names = "--suite", required = true, paramLabel = "SUITE", description = "smoke, nightly or a suite the inventory declares.")
    String suite;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "A host from the inventory (local: the controller's own agent).")
    String host;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "A device of the host: label, PCI address or spec. Default: every device of the host that allows the suite.")
    String device;

    @Override
    int run(ControllerClient client) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("suite", suite);
        body.put("host", host);
        if (device != null) {
            body.put("device", device);
        }
        client.post("/api/submit", body).path("runs").forEach(id -> spec.commandLine().getOut().println(id.asText()));
        return Rig.OK;
    }
}
