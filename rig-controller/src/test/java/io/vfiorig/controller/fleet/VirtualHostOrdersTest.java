package io.vfiorig.controller.fleet;

import static org.testng.Assert.assertEquals;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoreBackends;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

/** Orders for a virtual host's devices carry the kernel its guest boots; other orders carry none. */
public class VirtualHostOrdersTest {
    private static final String INVENTORY = """
            version: 1
            lab: vm-lab
            virtual-hosts:
              - name: vm-debian
                kernel: debian:7.3
                devices: [edu, ivshmem-plain:64M]
                suites: [smoke]
              - name: vm-own
                kernel: path:/srv/kernels/bzImage-7.3.4-vfio
                devices: [nvme]
                suites: [smoke]
            simulated:
              - device: sim
                suites: [smoke]
            """;

    @Test
    public void eachOrderNamesTheKernelOfItsVirtualHost() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        try (ResultStore store = ResultStore.open(StoreBackends.SQLITE.newUrl());
                Fleet fleet = new Fleet(InventoryLoader.parse(INVENTORY, "vm-lab.yaml"), store,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new TestClock(Instant.parse("2026-11-26T12:00:00Z")),
                        channel)) {
            fleet.agentConnected(FleetLab.localHello()); // every new device gets a health check
            Map<List<String>, String> kernels = channel.drain().stream()
                    .collect(Collectors.toMap(RunOrder::devices, RunOrder::kernel));
            // One guest boots at a time per virtual host: its devices share a lease, so vm-debian's
            // second device waits; nvme (vm-own) and sim run beside it.
            assertEquals(kernels.get(List.of("vm:nvme")), "/srv/kernels/bzImage-7.3.4-vfio");
            assertEquals(kernels.get(List.of("sim")), "");
            String debian = kernels.entrySet().stream().filter(e -> e.getKey().getFirst().startsWith("vm:edu")
                    || e.getKey().getFirst().startsWith("vm:ivshmem")).map(Map.Entry::getValue).findFirst().orElseThrow();
            assertEquals(debian, "debian:7.3");
            assertEquals(kernels.size(), 3, "one health check per lease group: " + kernels);
        }
    }
}
