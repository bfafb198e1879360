package io.vfiorig.reports;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.sim.SimDevice;
import io.vfiorig.agent.engine.HammerConfig;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.scenario.ScenarioReport;
import io.vfiorig.agent.scenario.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Results produced by the real engine on the sim, in-process (revoke-under-load on a correct
 * device and on one with the stale-mapping bug, a SIGBUS storm), plus one hand-made test whose evidence carries
 * kernel-log-like text that must be escaped. Computed once per test JVM.
 */
public final class RealRun {
    /** Looks like a kernel log line and contains every character HTML and XML care about. */
    public static final String NASTY = "BUG: <script>alert('x')</script> & \"vfio_pci_mmap_huge_fault+0x1a/0x40\" \u0000 </pre>";

    private static RunResults results;

    private RealRun() {}

    public static synchronized RunResults results() {
        if (results == null) {
            results = run();
        }
        return results;
    }

    private static RunResults run() {
        Instant start = Instant.now();
        HammerConfig cfg = HammerConfig.defaults().withThreads(2).withDuration(Duration.ofMillis(1500))
                .withWatchdog(Duration.ofSeconds(3));
        List<TestResult> tests = new ArrayList<>();
        tests.add(revokeUnderLoad("sim", cfg, 0));
        tests.add(revokeUnderLoad("sim:bug=stale-mapping", cfg, 1));
        tests.add(sigbusStorm(cfg, 2));
        tests.add(nasty(3));
        return new RunResults(RunResults.SCHEMA_VERSION, "20260101T000000Z-beef", "smoke", "sim;sim:bug=stale-mapping",
                start.toString(), Instant.now().toString(), "violations", 1, Environment.current(), tests,
                List.of(new InfraError("probe-crash", "probe JVM died " + NASTY, "/tmp/hs_err_pid1.log", "")));
    }

    private static TestResult revokeUnderLoad(String spec, HammerConfig cfg, long seq) {
        long t0 = System.nanoTime();
        try (SimDevice d = new SimDevice(DeviceSpec.parse(spec))) {
            ScenarioReport rep = Scenarios.revokeUnderLoad(d, cfg);
            return rep.toResult("smoke", "io.vfiorig.suites.RevokeUnderLoadTest.revokeUnderLoad", spec, "sim",
                    (System.nanoTime() - t0) / 1_000_000).withSequence(seq);
        }
    }

    /** Holds the BAR revoked until enough SIGBUS: a first SIGBUS is guaranteed even on a starved machine. */
    private static TestResult sigbusStorm(HammerConfig cfg, long seq) {
        long t0 = System.nanoTime();
        try (SimDevice d = new SimDevice(DeviceSpec.parse("sim"))) {
            ScenarioReport rep = Scenarios.sigbusStorm(d, cfg, 2_000);
            return rep.toResult("smoke", "io.vfiorig.suites.SigbusStormTest.sigbusStorm", "sim", "sim",
                    (System.nanoTime() - t0) / 1_000_000).withSequence(seq);
        }
    }

    private static TestResult nasty(long seq) {
        return new TestResult(seq, "smoke", "io.vfiorig.suites.Odd.names<&>", "sim", "sim", TestStatus.FAIL, 10,
                "broken invariants:\n" + NASTY,
                List.of(new InvariantOutcome("data-correct-after-restore", InvariantOutcome.Status.FAIL, 7, NASTY,
                        List.of(new Evidence(1, "hammer-<0>", 0x1000, 0xdeadbeefL, NASTY)))),
                List.of(), Map.of("faults", 1L), List.of(), Map.of("kmsg", NASTY));
    }
}
