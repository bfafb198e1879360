package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

/**
 * Every device kind the rig offers comes up in one guest, each behind its own root port, bound to
 * vfio-pci, with a reset method and the BARs the suites rely on.
 */
public class GuestDevicesTest {
    /** Per device: "BDF reset=METHODS sizes=BAR0 .. BAR5" from sysfs (1 = unused BAR, as end - start + 1 of zeros). */
    static final String PAYLOAD = """
            for bdf in $RIG_BDFS; do
              d=/sys/bus/pci/devices/$bdf
              sizes=$(head -n 6 $d/resource | while read s e f; do echo $((e - s + 1)); done | tr '\\n' ' ')
              echo "$bdf reset=$(cat $d/reset_method) sizes=$sizes"
            done
            """;

    @Test
    public void eduIvshmemNvmeE1000eAllBindToVfioPci() throws Exception {
        List<VmDevice> devices = VmDevice.parseAll(List.of("edu", "ivshmem:1G", "nvme", "e1000e"));
        Path work = TestKernels.repoRoot().resolve("rig-agent/target/vm-test/devices");
        GuestRun run = new VirtualHost().run(GuestRequest.of(GuestKernel.fromBzImage(TestKernels.requireSharedKernel()),
                devices, PAYLOAD, work).withTimeout(Duration.ofSeconds(120)));
        System.out.println(run.summary() + "\n" + run.bindReport() + run.stdout());
        assertTrue(run.completed(), run.summary());
        assertEquals(run.exitCode().getAsInt(), 0, run.stderr());

        Map<String, String> bound = run.bindReport().lines().map(l -> l.split(" "))
                .collect(Collectors.toMap(w -> w[0], w -> w[1] + " " + w[2]));
        for (int i = 0; i < devices.size(); i++) {
            String id = devices.get(i).pciId().replace(":", ":0x");
            assertEquals(bound.get(run.bdfs().get(i)), "0x" + id + " vfio-pci", devices.get(i).kind());
        }
        Map<String, String> seen = run.stdout().lines().map(l -> l.split(" ", 2)).collect(Collectors.toMap(w -> w[0], w -> w[1]));
        assertTrue(seen.get("0000:01:00.0").startsWith("reset=bus sizes=1048576 "), "edu: 1 MiB BAR0: " + seen);
        assertTrue(seen.get("0000:02:00.0").matches("reset=\\S+ sizes=256 \\d+ 1073741824 .*"), "ivshmem: 1 GiB BAR2: " + seen);
        assertTrue(seen.get("0000:03:00.0").startsWith("reset=flr bus"), "nvme resets by FLR first: " + seen);
        // the multi-BAR device: registers, flash, I/O ports and a separate MSI-X BAR
        assertTrue(seen.get("0000:04:00.0").matches("reset=\\S.* sizes=131072 131072 32 16384 1 1 "), "e1000e: " + seen);
    }
}
