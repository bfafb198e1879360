package io.vfiorig.cli;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.report.SummaryTable;
import io.vfiorig.agent.result.RunResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.vfiorig.agent.device.bind.BindSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig run}: one suite on one or more devices, in a supervised probe JVM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a suite on devices under test and write results.json, junit.xml, results.ktap and report.html.",
            "Exit code: 0 every invariant held, 1 violations found, 2 usage or infrastructure error."},
        footer = {"", "Examples:",
            "  rig run --device sim --suite smoke --out out/smoke",
            "  rig run --device sim:bug=stale-mapping --suite smoke --out out/stale",
            "  rig run --device vm:edu --kernel arch/x86/boot/bzImage --out out/vm",
            "  rig run --device vfio:0000:3b:00.0 --bind --allow 0000:3b:00.0   # bind, run, put it back"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", required = true, paramLabel = "SPEC",
            description = "Device under test (repeatable): " + DeviceBackends.KNOWN
                    + ". Sim bugs: stale-mapping, no-recovery, corrupt-after-restore, revoke-hang, slow-fault.")
    List<String> devices;

    @Option(names = "--suite", defaultValue = "smoke", description = "Suite to run (smoke, nightly). Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--out", defaultValue = "rig-out/run", paramLabel = "DIR",
            description = "Output directory for results.json, junit.xml, results.ktap, report.html and probe logs. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", defaultValue = "0",
            description = "Hammer threads per test (0 = one per CPU).")
    int threads;

    @Option(names = "--duration-scale", paramLabel = "X",
            description = "Multiply every scenario's duration (default: the suite's own).")
    Double durationScale;

    @Option(names = "--pattern", description = "Access pattern: seq, random, 2m (default: the suite's own).")
    String pattern;

    @Option(names = "--kernel", paramLabel = "PATH|debian:SERIES",
            description = "Guest kernel for vm: devices: a bzImage built with vfio-guest.config.fragment,"
                    + " or a Debian kernel fetched with apt (debian:7.3).")
    String kernel;

    @Option(names = "--timeout", defaultValue = "PT20M", paramLabel = "ISO-8601",
            description = "Kill the probe after this long (an infrastructure error). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Mixin
    BindOptions binding;

    @Option(names = "--host", paramLabel = "NAME", description = "This machine's name in --inventory. Default: its host name.")
    void host(String name) {
        binding.host = name;
    }

    @Override
    public Integer call() throws Exception {
        SuiteRunner.validate(suite, devices);
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
        if (pattern != null) {
            io.vfiorig.agent.engine.AccessPattern.parse(pattern);
        }
        Map<String, String> props = new LinkedHashMap<>();
        if (threads > 0) {
            props.put("rig.threads", Integer.toString(threads));
        }
        if (durationScale != null) {
            props.put("rig.duration.scale", durationScale.toString());
        }
        if (pattern != null) {
            props.put("rig.pattern", pattern);
        }
        if (binding.bind) {
            BindOptions.bdfs(devices); // before anything starts: --bind only takes vfio: devices
        }
        BindSession bound = binding.start(devices, spec.commandLine().getErr());
        RunResults results;
        try {
            results = SuiteRunner.run(suite, devices, kernel, out, timeout, props, spec.commandLine().getErr());
        } finally {
            BindOptions.finish(bound, spec.commandLine().getErr());
        }
        spec.commandLine().getOut().println(SummaryTable.render(results));
        spec.commandLine().getOut().println("results: " + out.resolve(SuiteRunner.RESULTS) + "  junit: " + out.resolve(SuiteRunner.JUNIT)
                + "  ktap: " + out.resolve(SuiteRunner.KTAP));
        spec.commandLine().getOut().println("report: " + out.resolve(SuiteRunner.HTML).toAbsolutePath());
        return results.exitCode();
    }
}
