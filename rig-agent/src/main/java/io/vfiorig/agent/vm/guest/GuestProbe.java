package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.kernel.SysrqDump;
import io.vfiorig.agent.probe.HsErrFile;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.vm.ClasspathShare;
import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestRequest;
import io.vfiorig.agent.vm.GuestRun;
import io.vfiorig.agent.vm.VirtualHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a suite on {@code vm:DEVICE} specs: boots the virtual lab host with those devices bound to
 * vfio-pci, runs the probe JVM inside it on the matching {@code vfio:BDF} specs, and returns what
 * it reported, like {@link io.vfiorig.agent.probe.ProbeSupervisor} does for a host probe.
 *
 * <p>A guest that did not boot, died, or whose probe JVM crashed is an infrastructure error and
 * is retried once (TCG guests occasionally lose a JVM); it never becomes a test result. A thread
 * stuck in the guest's kernel is the opposite: a finding ({@code no-stuck-thread}, with the
 * thread's kernel stack and the console's sysrq-w dump), after which the guest is torn down. Results
 * stream to the listener as the guest writes them; a retry streams the suite again.
 */
public final class GuestProbe {
    private static final int ATTEMPTS = 2;
    private static final int PROBE_HEAP_MIB = 384;
    private static final long POLL_MS = 200;

    private final GuestKernel kernel;
    private final String classPath;
    private final VirtualHost host;
    private final int cpus;

    /**
     * @param kernel    the guest kernel
     * @param classPath the probe's class path on the host (rig-agent, test-suites and their
     *                  dependencies); staged read-only into the guest
     */
    public GuestProbe(GuestKernel kernel, String classPath) {
        this(kernel, classPath, new VirtualHost(), 1);
    }

    public GuestProbe(GuestKernel kernel, String classPath, VirtualHost host, int cpus) {
        this.kernel = kernel;
        this.classPath = classPath;
        this.host = host;
        this.cpus = cpus;
    }

    /** The class path the host probe would use ({@code rig.probe.classpath}, else this JVM's). */
    public static GuestProbe forCurrentClassPath(GuestKernel kernel) {
        return new GuestProbe(kernel, currentClassPath());
    }

    /** {@code rig.probe.classpath}, else this JVM's class path. */
    public static String currentClassPath() {
        return System.getProperty("rig.probe.classpath", System.getProperty("java.class.path"));
    }

    /** The same guest with {@code n} CPUs (1 on shared machines; 2 for a final SMP check). */
    public GuestProbe withCpus(int n) {
        return new GuestProbe(kernel, classPath, host, n);
    }

    /**
     * @param req devices are {@code vm:...} specs; {@code outDir} gets events.jsonl, probe.log and
     *            the guest's work folders ({@code guest/attempt-N}: console.log, qemu-command.txt)
     */
    public ProbeOutcome run(ProbeRequest req, ProbeListener listener) throws IOException {
        GuestPlan plan = GuestPlan.of(req.devices());
        Path guestDir = req.outDir().toAbsolutePath().resolve("guest");
        Files.createDirectories(guestDir);
        ClasspathShare cp = ClasspathShare.stage(entries(classPath), guestDir.resolve("classpath"));
        List<InfraError> earlier = new ArrayList<>();
        Attempt last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = runOnce(req, plan, cp, guestDir.resolve("attempt-" + attempt), attempt, earlier, listener);
            if (last.errors().isEmpty()) {
                break;
            }
            if (attempt < ATTEMPTS) {
                System.err.println("guest probe attempt " + attempt + " failed, retrying: " + last.errors().getFirst().message());
            }
            earlier.addAll(last.errors());
        }
        copyArtifacts(last.run(), req.outDir());
        List<InfraError> errors = last.errors().isEmpty() ? List.of() : List.copyOf(earlier);
        return new ProbeOutcome(last.events().environment(), last.events().results(), errors,
                last.run().exitCode().orElse(-1));
    }

    private record Attempt(GuestRun run, GuestEvents events, List<InfraError> errors) {}

    private Attempt runOnce(ProbeRequest req, GuestPlan plan, ClasspathShare cp, Path work, int attempt,
            List<InfraError> earlier, ProbeListener listener) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("vm.kernel", kernel.origin());
        facts.put("vm.attempt", attempt + (earlier.isEmpty() ? "" : " (earlier: " + earlier.getFirst().kind() + ": "
                + earlier.getFirst().message() + ")"));
        GuestEvents events = new GuestEvents(work.resolve("out").resolve(GuestPayload.EVENTS), work.resolve("console.log"),
                plan, facts, listener);
        Map<String, String> properties = new LinkedHashMap<>(req.properties());
        properties.put(SysrqDump.PROPERTY, "true"); // the guest is ours: dump blocked tasks on a stuck thread
        String payload = GuestPayload.script(req.suite(), plan.probeDevices(), properties, PROBE_HEAP_MIB);
        GuestRequest greq = GuestRequest.of(kernel, plan.devices(), payload, work)
                .withShares(List.of(cp.share()))
                .withEnv(Map.of(GuestPayload.CLASSPATH_ENV, cp.guestClassPath()))
                .withTimeout(req.timeout());
        if (cpus != 1) {
            greq = new GuestRequest(greq.kernel(), greq.devices(), greq.payload(), greq.workDir(), greq.javaHome(),
                    greq.shares(), greq.env(), greq.timeout(), greq.memoryMiB(), cpus, greq.extraAppend(), greq.accel());
        }
        GuestRun run = boot(greq, events);
        events.drain();
        List<InfraError> errors = new ArrayList<>();
        if (events.tornDown()) {
            // on purpose, after a stuck thread was recorded: that finding is the result, nothing to retry
        } else if (run.failure().isPresent()) {
            errors.add(run.failure().get().toInfraError(run.consoleLog().toString(), events.running()));
        } else if (!run.bdfs().equals(plan.bdfs())) {
            errors.add(new InfraError("vm-bdf-mismatch", "the guest put the devices at " + run.bdfs() + ", the plan expected "
                    + plan.bdfs(), run.consoleLog().toString(), ""));
        } else if (!events.ended() || run.exitCode().orElse(-1) != 0) {
            errors.add(GuestProbeFailure.describe(run.resultsDir(), run.exitCode().orElse(-1), events.running()));
        }
        if (events.malformedLines() > 0) {
            errors.add(new InfraError("vm-probe-torn-event", events.malformedLines()
                    + " event line(s) could not be decoded", run.resultsDir().resolve(GuestPayload.EVENTS).toString(), ""));
        }
        return new Attempt(run, events, errors);
    }

    /** Runs the guest on a helper thread while this one streams the events. */
    private GuestRun boot(GuestRequest greq, GuestEvents events) throws IOException {
        CompletableFuture<GuestRun> vm = CompletableFuture.supplyAsync(() -> host.run(greq, events::tornDown),
                r -> Thread.ofPlatform().daemon().name("vm-guest").start(r));
        while (true) {
            try {
                return vm.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                events.drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the guest ran", e);
            } catch (ExecutionException e) {
                throw new IOException("the virtual host failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The files a host probe leaves in the output folder, taken from the guest's results share. */
    private static void copyArtifacts(GuestRun run, Path outDir) throws IOException {
        Path from = run.resultsDir();
        copyIfExists(from.resolve(GuestPayload.EVENTS), outDir.resolve(GuestPayload.EVENTS));
        StringBuilder log = new StringBuilder();
        log.append("# ").append(run.summary()).append('\n');
        log.append("# stdout\n").append(run.stdout()).append("# stderr\n").append(run.stderr());
        Files.writeString(outDir.resolve("probe.log"), log);
        HsErrFile.find(from).ifPresent(p -> {
            try {
                Files.copy(p, outDir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the guest folder still has it; the infra error names that path
            }
        });
    }

    private static void copyIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> entries(String classPath) {
        List<Path> out = new ArrayList<>();
        for (String e : classPath.split(":")) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }
}
