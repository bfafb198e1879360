package io.vfiorig.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the operator commands share: {@code --controller URL}, and one-line errors with exit code 2. */
abstract class OperatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--controller", paramLabel = "URL", defaultValue = ControllerClient.DEFAULT_URL,
            description = "The controller's admin address (rig controller prints it). Default: ${DEFAULT-VALUE}.")
    String controller;

    @Override
    public final Integer call() {
        try {
            return run(new ControllerClient(controller));
        } catch (ControllerClient.Failure e) {
            spec.commandLine().getErr().println("rig " + spec.name() + ": " + e.getMessage());
            return Rig.USAGE_OR_INFRA;
        }
    }

    abstract int run(ControllerClient client);
}
