package io.vfiorig.controller.transport;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.proto.FoundDevice;
import io.vfiorig.proto.Hello;
import io.vfiorig.proto.Report;
import io.vfiorig.uplink.RunReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Fixtures of the stream tests: a two-host inventory, results, reports, waiting. */
final class StreamLab {
    static final String HOST_1 = "lab-host-01";
    static final String HOST_2 = "lab-host-02";
    static final String INVENTORY = """
            version: 1
            lab: stream-test
            hosts:
              - name: lab-host-01
                address: 127.0.0.1
                agent-identity: CN=lab-host-01
                devices:
                  - {bdf: "0000:3b:00.0", expect: "8086:0b25", label: dsa-0, suites: [smoke]}
              - name: lab-host-02
                address: 127.0.0.2
                agent-identity: CN=lab-host-02
                devices:
                  - {bdf: "0000:af:00.0", expect: "8086:0b25", label: dsa-1, suites: [smoke]}
            simulated: [{device: sim}]
            """;

    private StreamLab() {}

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("rig-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inventory inventory() {
        try {
            return InventoryLoader.parse(INVENTORY, "inventory.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path inventoryFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    }

    static Hello hello(String host) {
        return Hello.newBuilder().setHost(host).setKernelRelease("6.15.0").setRigVersion("test")
                .addDevices(FoundDevice.newBuilder().setBdf("0000:3b:00.0").setVendorDevice("8086:0b25")
                        .setIommuGroup("41").setDriver("vfio-pci"))
                .build();
    }

    static RunReports run(String runId, String device) {
        return new RunReports(runId, "smoke", device, "sim", "sim", "2026-11-25T10:00:00Z",
                new Environment("rig-host", "6.15.0", "#1 SMP", "amd64", 2, "25", "test"));
    }

    static TestResult result(long seq) {
        return new TestResult(seq, "smoke", "io.vfiorig.suites.FaultTests.t" + (seq % 7), "sim", "sim",
                seq % 13 == 0 ? TestStatus.FAIL : TestStatus.PASS, seq % 100, "", List.of(), List.of(),
                Map.of("faults", seq * 3, "accesses", seq * 11), List.of(), Map.of("pattern", "sequential"));
    }

    static List<Report> results(RunReports run, long from, long to) {
        List<Report> out = new ArrayList<>();
        for (long s = from; s < to; s++) {
            out.add(run.result(result(s)));
        }
        return out;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code done} every 50 ms. @throws AssertionError with {@code what} on timeout */
    static void await(String what, long timeoutMillis, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
