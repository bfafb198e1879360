package io.vfiorig.cli;

import io.vfiorig.wire.LabCa;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig ca}: a small lab certificate authority for the controller's mutual TLS. */
@Command(name = "ca", mixinStandardHelpOptions = true, subcommands = {CaCommand.Init.class, CaCommand.Issue.class},
        description = {"Create a lab CA and host certificates (PEM, EC P-256) for mutual TLS between agents and",
            "the controller. Certificates from your own PKI work too: put them in the same file names."})
final class CaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Rig.USAGE_OR_INFRA;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create DIR/ca.pem (give it to every host) and DIR/ca-key.pem (keep it here, mode 600).")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Directory of the CA; never overwritten.")
        Path dir;

        @Option(names = "--lab", defaultValue = "lab", paramLabel = "NAME", description = "Lab name in the CA's subject.")
        String lab;

        @Override
        public Integer call() {
            LabCa.init(dir, lab);
            spec.commandLine().getOut().println("lab CA created: " + dir.resolve(LabCa.CA_CERT) + " (share), "
                    + dir.resolve(LabCa.CA_KEY) + " (secret)");
            spec.commandLine().getOut().println("next: rig ca issue controller --dir " + dir
                    + " --san CONTROLLER-DNS-NAME; rig ca issue HOST --dir " + dir + " for each inventory host");
            return Rig.OK;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Issue DIR/NAME.pem and DIR/NAME-key.pem with CN=NAME and DNS:NAME, for TLS client and",
                "server use. NAME is an inventory host (its agent-identity: CN=NAME) or 'controller'."})
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Host name, or 'controller'.")
        String name;

        @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "The CA's directory. Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Option(names = "--san", paramLabel = "NAME", description = "More DNS names or IP addresses (the address agents dial).")
        List<String> sans = new ArrayList<>();

        @Override
        public Integer call() {
            Path cert = LabCa.open(dir).issue(name, sans);
            spec.commandLine().getOut().println("issued " + cert + " and " + dir.resolve(name + "-key.pem")
                    + " (CN=" + name + "); copy them with ca.pem to the host's --tls-dir");
            return Rig.OK;
        }
    }
}
