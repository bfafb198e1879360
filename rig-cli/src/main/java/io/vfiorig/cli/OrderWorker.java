package io.vfiorig.cli;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.agent.device.bind.BindSession;
import io.vfiorig.agent.metrics.HammerMetrics;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.Progress;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.proto.RunOrder;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the controller's orders on an agent, one at a time, through {@link SuiteRunner}: each result is
 * spooled (fsync'd) the moment the probe reports it, then the run's end; the uplink streams them.
 * A run that cannot start still ends, as an infrastructure error, so the controller always learns.
 */
final class OrderWorker implements AutoCloseable {
    private static final Duration RUN_TIMEOUT = Duration.ofHours(12);

    private final Spool spool;
    private final Function<String, Path> outDir;
    private final PrintWriter log;
    private final BlockingQueue<RunOrder> orders = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<RunResults>> done = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile Consumer<String> begun = runId -> { };
    private volatile HammerMetrics live; // null: no agent /metrics
    private volatile BindOptions binding; // null: devices are bound to vfio-pci by someone else

    /** @param outDir where a run (by id) writes its reports */
    OrderWorker(Spool spool, Function<String, Path> outDir, PrintWriter log) {
        this.spool = spool;
        this.outDir = outDir;
        this.log = log;
        this.thread = Thread.ofPlatform().name("orders").daemon().start(this::loop);
    }

    /** Where to say that a run began (the uplink, once it exists). */
    void onBegun(Consumer<String> begun) {
        this.begun = begun;
    }

    /** Where the probe's live counters go (the agent's {@code /metrics}). */
    void liveMetrics(HammerMetrics metrics) {
        this.live = metrics;
    }

    /** Binds each order's vfio: devices for its run and puts them back after (as {@code rig run --bind}). */
    void binding(BindOptions options) {
        this.binding = options;
    }

    /** Takes an order from the stream; never blocks. */
    void accept(RunOrder order) {
        orders.add(order);
    }

    /** @return completes with the run's results once its end is spooled */
    CompletableFuture<RunResults> completion(String runId) {
        return done.computeIfAbsent(runId, k -> new CompletableFuture<>());
    }

    private void loop() {
        while (true) {
            RunOrder o;
            try {
                o = orders.take();
            } catch (InterruptedException e) {
                return;
            }
            completion(o.getRunId()).complete(run(o));
        }
    }

    private RunResults run(RunOrder o) {
        List<String> devices = List.copyOf(o.getDevicesList());
        Instant started = Instant.now();
        RunReports reports = new RunReports(o.getRunId(), o.getSuite(), String.join(";", devices), backend(devices),
                deviceModel(devices), started.toString(), Environment.current());
        Set<Long> spooled = new HashSet<>();
        log.println("rig agent: run " + o.getRunId() + ": suite " + o.getSuite() + " on " + devices + " (" + o.getReason() + ")");
        log.flush();
        begun.accept(o.getRunId());
        BindSession bound = null;
        try {
            SuiteRunner.validate(o.getSuite(), devices);
            BindOptions b = binding;
            if (b != null && devices.stream().allMatch(d -> DeviceSpec.parse(d).backend().equals("vfio"))) {
                bound = b.start(devices, log);
            }
            RunResults r = SuiteRunner.run(o.getRunId(), started, o.getSuite(), devices,
                    o.getKernel().isBlank() ? null : o.getKernel(), outDir.apply(o.getRunId()),
                    RUN_TIMEOUT, Map.of(), log, new ProbeListener() {
                        @Override
                        public void progress(Progress p) {
                            HammerMetrics m = live;
                            if (m != null) {
                                m.progress(p);
                            }
                        }

                        @Override
                        public void result(TestResult t) {
                            spool.append(reports.result(t));
                            spooled.add(t.sequence());
                        }
                    });
            // Results recovered only at the end (a crashed probe's events file) are spooled now.
            for (TestResult t : r.tests()) {
                if (!spooled.contains(t.sequence())) {
                    spool.append(reports.result(t));
                }
            }
            spool.append(reports.finished(r.finishedAt(), r.status(), r.exitCode(), r.infrastructureErrors()));
            return r;
        } catch (Exception e) {
            String why = e instanceof IllegalArgumentException ? e.getMessage() : e.toString();
            log.println("rig agent: run " + o.getRunId() + " could not run: " + why);
            spool.append(reports.finished(Instant.now().toString(), "infrastructure-error", Rig.USAGE_OR_INFRA,
                    List.of(new InfraError("agent-run", why, "", ""))));
            return null;
        } finally {
            try {
                BindOptions.finish(bound, log);
            } catch (IOException e) {
                log.println("rig agent: run " + o.getRunId() + ": could not restore its devices (rig restore retries): " + e);
            }
            HammerMetrics m = live;
            if (m != null) {
                m.probeEnded();
            }
            log.flush();
        }
    }

    private static String backend(List<String> devices) {
        return devices.isEmpty() ? "none" : DeviceSpec.parse(devices.getFirst()).backend();
    }

    /** The PCI vendor:device of a vfio device (what baselines group by), else the backend. */
    private static String deviceModel(List<String> devices) {
        if (devices.isEmpty()) {
            return "none";
        }
        DeviceSpec spec = DeviceSpec.parse(devices.getFirst());
        if (spec.backend().equals("vfio")) {
            String bdf = spec.text().substring("vfio:".length()).split(",")[0];
            for (PciDevice d : new PciSysfs().list()) {
                if (d.bdf().equalsIgnoreCase(bdf)) {
                    return d.vendor().replace("0x", "") + ":" + d.device().replace("0x", "");
                }
            }
        }
        return spec.backend();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
