package io.vfiorig.cli;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.bisect.BisectEngine;
import io.vfiorig.controller.bisect.BisectLog;
import io.vfiorig.controller.bisect.BisectPlan;
import io.vfiorig.controller.bisect.BisectRecords;
import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.BootHook;
import io.vfiorig.controller.bisect.CommandExecution;
import io.vfiorig.controller.bisect.InfraFailure;
import io.vfiorig.controller.bisect.StateFile;
import io.vfiorig.controller.bisect.SuiteExecution;
import io.vfiorig.controller.compare.ComparisonTable;
import io.vfiorig.controller.report.BisectEvidence;
import io.vfiorig.controller.report.BisectReport;
import io.vfiorig.controller.store.ResultStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig bisect}: finds the commit (or prebuilt kernel) that made a suite's results worse. */
@Command(name = "bisect", mixinStandardHelpOptions = true, subcommands = {BisectCommand.Log.class, BisectCommand.Report.class},
        description = {"Find the first bad kernel between a good and a bad one. Git mode drives git bisect in a kernel",
            "tree: per step it builds (make olddefconfig with the rig's config fragment merged, then bzImage; or",
            "--build-cmd), boots (the virtual host for vm:DEVICE; --boot-hook for a real host, confirming uname -r),",
            "runs the suite and compares it with the good kernel's runs (rig compare's statistics). A weak verdict",
            "earns repeats of both kernels up to --max-runs; infrastructure failures are retried, then the kernel is",
            "skipped, never called bad. Good and bad are verified first. State is saved after every step in",
            "--state; --resume continues an interrupted bisection. --kernels bisects prebuilt kernels instead.",
            "Exit code: 0 culprit found, 1 no single culprit (skipped kernels hide it) or the ends did not verify,",
            "2 usage or infrastructure error."},
        footer = {"", "Examples:",
            "  rig bisect --tree ~/linux --good v7.2 --bad v7.3 --suite smoke --target vm:edu",
            "  rig bisect --tree ~/linux --good v7.2 --bad HEAD --suite nightly --target host:lab-host-01 \\",
            "      --device vfio:0000:3b:00.0 --boot-hook 'lab-boot lab-host-01 \"$RIG_KERNEL\"'",
            "  rig bisect --kernels kernels.txt --good debian:7.2 --bad debian:7.3 --suite smoke --target vm:edu",
            "  rig bisect --resume --state rig-out/bisect",
            "  rig bisect log --state rig-out/bisect > bisect.log   # then: git bisect replay bisect.log",
            "  rig bisect report --state rig-out/bisect --html bisect.html",
            "  rig bisect report --db jdbc:sqlite:lab.db --id 'git:1a2b3c4d5e6f..7a8b9c0d1e2f:smoke:vm:edu' --html bisect.html",
            "Docs: docs/regressions.md"})
final class BisectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tree", paramLabel = "PATH", description = "Kernel git tree (git mode).")
    Path tree;

    @Option(names = "--kernels", paramLabel = "FILE",
            description = "Prebuilt kernels, one per line, oldest first: bzImage paths or debian:SERIES (no build).")
    Path kernels;

    @Option(names = "--good", paramLabel = "REV", description = "A known-good commit (git) or a line of --kernels.")
    String good;

    @Option(names = "--bad", paramLabel = "REV", description = "A known-bad commit (git) or a line of --kernels.")
    String bad;

    @Option(names = "--suite", defaultValue = "smoke", description = "Suite run on every kernel. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--target", paramLabel = "vm:DEVICE|host:NAME", description = "Where kernels boot: the virtual host with an emulated device, or a real host.")
    String target;

    @Option(names = "--device", paramLabel = "SPEC", description = "host: targets: the device(s) the suite runs on once the host is up (vfio:BDF).")
    List<String> devices;

    @Option(names = "--build-cmd", paramLabel = "CMD", description = "Shell command building the kernel in the tree instead of the default"
            + " (merge_config.sh with the fragment, make olddefconfig, make bzImage). Gets RIG_BISECT_REV, RIG_CONFIG_FRAGMENT.")
    String buildCmd;

    @Option(names = "--kernel-image", defaultValue = BisectPlan.DEFAULT_IMAGE, paramLabel = "PATH",
            description = "Where the build leaves the kernel, relative to the tree. Default: ${DEFAULT-VALUE}.")
    String kernelImage;

    @Option(names = "--config-fragment", paramLabel = "FILE",
            description = "Kconfig fragment merged before olddefconfig (default: the rig's vfio-guest.config.fragment).")
    Path configFragment;

    @Option(names = "--boot-hook", paramLabel = "CMD", description = "host: targets: boots RIG_KERNEL and prints the booted uname -r as its last line.")
    String bootHook;

    @Option(names = "--run-cmd", paramLabel = "CMD", description = "Run the suite with this command instead (LAVA, ssh, ...): gets RIG_KERNEL,"
            + " RIG_REV, RIG_SUITE, RIG_TARGET, RIG_OUT and must write $RIG_OUT/results.json.")
    String runCmd;

    @Option(names = "--max-runs", defaultValue = "4", description = "Runs of one kernel before a weak verdict becomes skip. Default: ${DEFAULT-VALUE}.")
    int maxRuns;

    @Option(names = "--infra-retries", defaultValue = "2", description = "Retries of a failed build, boot or run. Default: ${DEFAULT-VALUE}.")
    int infraRetries;

    @Option(names = "--state", defaultValue = "rig-out/bisect", paramLabel = "DIR",
            description = "State file, kept kernels and runs. Default: ${DEFAULT-VALUE}.")
    Path state;

    @Option(names = "--resume", description = "Continue the bisection saved in --state.")
    boolean resume;

    @Option(names = "--timeout", defaultValue = "PT20M", paramLabel = "ISO-8601", description = "Per run. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Also store the finished bisection (steps, log, evidence) in this result store.")
    String db;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report here: culprit, steps, the evidence comparison with plots.")
    Path html;

    @Mixin
    ThresholdOptions thresholdOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BisectPlan plan = resume ? null : plan();
        BisectPlan effective = plan != null ? plan : StateFile.load(state).map(BisectState::plan)
                .orElseThrow(() -> new IllegalArgumentException("no bisection to resume in " + state));
        BisectState s = new BisectEngine(state, execution(effective), thresholdOptions.thresholds(), out).run(plan);
        if (s.evidence() != null) {
            out.println();
            out.print(ComparisonTable.render(s.evidence()));
        }
        out.println();
        out.print(BisectLog.render(s));
        out.println("state: " + state.resolve(StateFile.NAME));
        if (html != null) {
            BisectReport.write(s, BisectEvidence.fromDirs(s), html);
            out.println("html: " + html);
        }
        if (db != null && !s.status().equals(BisectState.RUNNING)) {
            try (ResultStore store = ResultStore.open(db)) {
                store.storeBisection(BisectRecords.of(s));
            }
            out.println("stored as bisection " + BisectRecords.id(s.plan()) + " in " + db);
        }
        out.flush();
        return s.culprit() != null ? Rig.OK : Rig.VIOLATIONS;
    }

    private BisectPlan plan() throws IOException {
        require(good, "--good");
        require(bad, "--bad");
        require(target, "--target");
        if ((tree == null) == (kernels == null)) {
            throw new IllegalArgumentException("give either --tree PATH (build each commit) or --kernels FILE (prebuilt kernels)");
        }
        if (!target.startsWith("vm:") && !target.startsWith("host:")) {
            throw new IllegalArgumentException("--target must be vm:DEVICE (e.g. vm:edu) or host:NAME, got '" + target + "'");
        }
        if (target.startsWith("host:") && runCmd == null && (bootHook == null || devices == null)) {
            throw new IllegalArgumentException("a host: target needs --boot-hook CMD and --device vfio:BDF (or --run-cmd)");
        }
        SuiteRunner.validate(suite, target.startsWith("vm:") ? List.of(target) : devices != null ? devices : List.of("sim"));
        BisectPlan.RunSettings settings = new BisectPlan.RunSettings(devices, bootHook, runCmd);
        if (kernels != null) {
            if (!Files.isRegularFile(kernels)) {
                throw new IllegalArgumentException("--kernels " + kernels + ": no such file; write one kernel per line"
                        + " (a bzImage path or debian:SERIES), oldest first");
            }
            List<String> list = Files.readAllLines(kernels).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return new BisectPlan(BisectPlan.KERNELS, null, good, bad, list, suite, target, null, kernelImage, null, maxRuns,
                    infraRetries, settings);
        }
        return new BisectPlan(BisectPlan.GIT, tree.toAbsolutePath().toString(), good, bad, List.of(), suite, target, buildCmd,
                kernelImage, fragment().toString(), maxRuns, infraRetries, settings);
    }

    /** The rig's fragment, copied out of the class path into the state directory. */
    private Path fragment() throws IOException {
        if (configFragment != null) {
            return configFragment.toAbsolutePath();
        }
        Path f = state.toAbsolutePath().resolve("vfio-guest.config.fragment");
        Files.createDirectories(f.getParent());
        try (InputStream in = getClass().getResourceAsStream("/vm/vfio-guest.config.fragment")) {
            if (in == null) {
                throw new IllegalStateException("vm/vfio-guest.config.fragment missing from the class path; rebuild the rig");
            }
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    /** From the plan, not the command line: a resumed bisection runs its kernels as it started. */
    private SuiteExecution execution(BisectPlan p) {
        BisectPlan.RunSettings r = p.run();
        SuiteExecution suiteRun = r.runCmd() != null ? new CommandExecution(r.runCmd(), p.suite(), p.target(), timeout)
                : (rev, kernel, out) -> local(p, kernel, out);
        return p.target().startsWith("host:") && r.bootHook() != null ? new BootHook(r.bootHook(), p.target(), suiteRun) : suiteRun;
    }

    /** vm: boots the kernel in the virtual host; host: runs on the local devices of the (booted) host. */
    private RunResults local(BisectPlan p, String kernel, Path out) throws InfraFailure {
        boolean vm = p.target().startsWith("vm:");
        List<String> devs = vm ? List.of(p.target()) : p.run().devices();
        try {
            return SuiteRunner.run(p.suite(), devs, vm ? kernel : null, out, timeout, Map.of(), spec.commandLine().getErr());
        } catch (Exception e) {
            throw new InfraFailure("run on " + p.target() + " failed: " + e.getMessage(), e);
        }
    }

    private static void require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required (or --resume to continue a saved bisection)");
        }
    }

    /** {@code rig bisect log}: the saved or stored bisection as {@code git bisect log} prints it. */
    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "Print a bisection (saved in --state, or stored: --db --id) as git bisect log does"
                    + " (replayable with git bisect replay).")
    static final class Log implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BisectSource source;

        @Override
        public Integer call() throws IOException {
            spec.commandLine().getOut().print(source.load().log());
            spec.commandLine().getOut().flush();
            return Rig.OK;
        }
    }

    /** {@code rig bisect report}: the HTML report of a saved or stored bisection. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write the HTML report of a bisection (saved in --state, or stored: --db --id): the culprit,",
                "the good and bad ends, every step with its verdict, repeats and infrastructure retries, and the evidence",
                "(the comparison of the culprit with its good neighbour, with plots while its runs are readable)."})
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BisectSource source;

        @Option(names = "--html", required = true, paramLabel = "FILE", description = "Where to write the report.")
        Path html;

        @Override
        public Integer call() throws IOException {
            BisectSource.Loaded b = source.load();
            BisectReport.write(b.state(), b.evidenceRuns(), html);
            spec.commandLine().getOut().println(b.state().message());
            spec.commandLine().getOut().println("html: " + html);
            spec.commandLine().getOut().flush();
            return Rig.OK;
        }
    }
}
