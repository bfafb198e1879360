package io.vfiorig.agent.bench;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Runs {@code rig bench hammer} with tiny settings and checks what it reports. Nothing here
 * asserts on speed: the bench is a measurement, not a timed test.
 */
public class HammerBenchTest {
    private static final String[] MODE_FIELDS = {"impl", "mode", "threads", "faults", "seconds", "faults_per_sec",
        "cpu_seconds", "faults_per_cpu_sec", "touches", "ns_per_access", "mean_touch_ns", "min_ns", "max_ns", "p50_ns", "p99_ns",
        "involuntary_ctx_switches", "faults_per_touch", "cpu_ns_per_access"};

    private Path dir;
    private HammerBench.Report report;
    private JsonNode json;
    private String log;

    @BeforeClass
    public void runTinyBench() throws IOException, InterruptedException {
        requireGcc();
        dir = Files.createTempDirectory("hammer-bench-test");
        HammerBench.Config config = new HammerBench.Config(0.3, 1, 4L << 20, List.of(1), 0, "gcc",
                dir.resolve("build"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            report = HammerBench.run(config, ps);
        }
        log = progress.toString(StandardCharsets.UTF_8);
        Path file = dir.resolve("out/hammer.json");
        HammerBench.write(report, file);
        json = HammerBench.json().readTree(file.toFile());
    }

    @AfterClass(alwaysRun = true)
    public void removeDir() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    public void jsonHasHostSettingsAndVerdict() {
        assertEquals(json.path("benchmark").asText(), "hammer");
        for (String field : new String[] {"kernel", "cpu_model", "cpus", "java_version", "java_vm", "gc",
            "gcc_version", "clocksource", "shmem_thp", "loadavg_start", "loadavg_end"}) {
            assertTrue(json.path("host").has(field), "host." + field + " missing: " + json.path("host"));
        }
        assertTrue(json.path("host").path("gcc_version").asText().toLowerCase().contains("gcc"),
                json.path("host").toString());
        assertEquals(json.path("settings").path("size_bytes").asLong(), 4L << 20);
        assertEquals(json.path("settings").path("rounds").asInt(), 1);
        assertEquals(json.path("target_ratio").asDouble(), HammerBench.TARGET_RATIO);
        assertTrue(json.path("target_met").isBoolean());
        assertTrue(json.path("shared_memfd_check").asBoolean(), "the C hammer did not write to the JVM's memfd");
        assertTrue(json.path("notes").isArray() && !json.path("notes").isEmpty());
    }

    @Test
    public void jsonHasBothImplementationsInEveryMode() {
        JsonNode results = json.path("results");
        assertEquals(results.size(), 1);
        JsonNode one = results.get(0);
        assertEquals(one.path("threads").asInt(), 1);
        assertTrue(one.path("ratio_java_over_c").asDouble() > 0, one.toString());
        assertTrue(one.path("ratio_java_over_c_cpu").asDouble() > 0, one.toString());
        assertTrue(one.path("target_met").isBoolean());
        for (String impl : new String[] {"java", "c"}) {
            JsonNode r = one.path(impl);
            assertTrue(r.path("timing_overhead_ns").isNumber(), impl + ": " + r);
            assertTrue(r.path("timing_overhead_wall_ns").isNumber(), impl + ": " + r);
            assertEquals(r.path("faults_per_sec_rounds").size(), 1, impl + ": " + r);
            assertEquals(r.path("faults_per_cpu_sec_rounds").size(), 1, impl + ": " + r);
            assertTrue(r.path("faults_per_cpu_sec").asDouble() > 0, impl + ": " + r);
            checkMode(r.path("fault"), impl, "fault");
            checkMode(r.path("steady_timed"), impl, "steady");
            checkMode(r.path("steady_untimed"), impl, "untimed");
        }
        double ratio = one.path("java").path("fault").path("faults_per_sec").asDouble()
                / one.path("c").path("fault").path("faults_per_sec").asDouble();
        assertEquals(one.path("ratio_java_over_c").asDouble(), ratio, 1e-9);
        assertEquals(one.path("ratio_of_medians").asDouble(), ratio, 1e-9);
        assertEquals(one.path("paired_ratios").size(), 1);
        assertEquals(one.path("paired_ratios").get(0).asDouble(), ratio, 1e-9);
    }

    @Test
    public void bothImplementationsFaultOncePerTouchedPage() {
        HammerBench.ThreadCountResult one = report.results().get(0);
        for (ModeResult fault : List.of(one.java().fault(), one.c().fault())) {
            assertTrue(fault.faults() > 0, fault.impl() + " took no faults: " + fault);
            assertTrue(fault.touches() > 0, fault.impl() + " touched nothing: " + fault);
            // Write faults on a shared memfd map one page each; allow a few faults of the thread itself.
            double perTouch = fault.faultsPerTouch();
            assertTrue(perTouch > 0.95 && perTouch < 1.05, fault.impl() + ": " + perTouch + " faults per touch, "
                    + fault);
            assertTrue(fault.p50Ns() > 0 && fault.p99Ns() >= fault.p50Ns() && fault.maxNs() >= fault.p99Ns(),
                    fault.impl() + ": " + fault);
            assertTrue(fault.cpuSeconds() > 0 && fault.cpuSeconds() <= fault.seconds() * fault.threads() + 0.05,
                    fault.impl() + ": " + fault);
        }
    }

    @Test
    public void steadyModesDoNotFault() {
        HammerBench.ThreadCountResult one = report.results().get(0);
        for (HammerBench.ImplResult r : List.of(one.java(), one.c())) {
            for (ModeResult steady : List.of(r.steadyTimed(), r.steadyUntimed())) {
                assertTrue(steady.touches() > 0, steady.toString());
                // Pages are mapped before the clock starts; a handful of faults of the thread itself at most.
                assertTrue(steady.faultsPerTouch() < 0.01, steady.toString());
            }
            assertTrue(r.steadyTimed().meanTouchNs() > 0, r.steadyTimed().toString());
            assertEquals(r.steadyUntimed().meanTouchNs(), 0.0, r.steadyUntimed().toString());
            assertEquals(r.timingOverheadNs(), r.steadyTimed().cpuNsPerAccess() - r.steadyUntimed().cpuNsPerAccess(),
                    1e-9);
            assertEquals(r.timingOverheadWallNs(), r.steadyTimed().nsPerAccess() - r.steadyUntimed().nsPerAccess(),
                    1e-9);
        }
    }

    @Test
    public void progressNamesTheCompilerAndEveryRun() {
        assertTrue(log.contains("built the C hammer with"), log);
        assertEquals(log.lines().filter(l -> l.startsWith("bench: round 1/1")).count(), 3L, log);
    }

    @Test
    public void missingCompilerSaysHowToInstallIt() {
        HammerBench.Config config = new HammerBench.Config(0.1, 1, 1L << 20, List.of(1), 0,
                "no-such-cc-" + ProcessHandle.current().pid(), null);
        IllegalStateException e = expectThrows(IllegalStateException.class,
                () -> HammerBench.run(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc"), e.getMessage());
    }

    @Test
    public void configRejectsNonsense() {
        expectThrows(IllegalArgumentException.class, () -> new HammerBench.Config(0, 1, 4L << 20, List.of(1), 0, "gcc", null));
        expectThrows(IllegalArgumentException.class, () -> new HammerBench.Config(1, 0, 4L << 20, List.of(1), 0, "gcc", null));
        expectThrows(IllegalArgumentException.class, () -> new HammerBench.Config(1, 1, 4097, List.of(1), 0, "gcc", null));
        expectThrows(IllegalArgumentException.class, () -> new HammerBench.Config(1, 1, 4096, List.of(2), 0, "gcc", null));
        expectThrows(IllegalArgumentException.class, () -> new HammerBench.Config(1, 1, 4096, List.of(), 0, "gcc", null));
    }

    private static void checkMode(JsonNode mode, String impl, String modeName) {
        for (String field : MODE_FIELDS) {
            assertTrue(mode.has(field), impl + " " + modeName + ": no " + field + " in " + mode);
        }
        assertEquals(mode.path("impl").asText(), impl);
        assertEquals(mode.path("mode").asText(), modeName);
        assertEquals(mode.path("threads").asInt(), 1);
        assertTrue(mode.path("seconds").asDouble() >= 0.3, mode.toString());
        assertTrue(mode.path("touches").asLong() > 0, mode.toString());
    }

    private static void requireGcc() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new SkipException("gcc --version failed; the hammer bench needs gcc");
            }
        } catch (IOException | InterruptedException e) {
            throw new SkipException("no gcc on PATH; the hammer bench needs gcc (apt-get install gcc)");
        }
    }
}
