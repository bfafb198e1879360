package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Fetches a Debian kernel package through the private apt configuration and boots it: the
 * modules path (vfio, 9p as .ko.xz) that the shared built-in kernel does not exercise.
 * The first run downloads ~120 MB once (cache: {@code -Drig.vm.cache=DIR}, default
 * ~/.cache/vfio-rig/kernels); {@code -Drig.vm.packaged=VERSION} picks another suite's kernel.
 */
public class PackagedKernelBootTest {
    static final String PAYLOAD = """
            echo "uname=$(uname -r)"
            echo "modules=$(cut -d' ' -f1 /proc/modules | sort | tr '\\n' ' ')"
            echo "vfio-pci-bound=$(ls /sys/bus/pci/drivers/vfio-pci/ | grep '^0000:' | tr '\\n' ' ')"
            echo "group=$(basename "$(readlink /sys/bus/pci/devices/$RIG_BDFS/iommu_group)")"
            echo "dev-vfio=$(ls /dev/vfio | tr '\\n' ' ')"
            "$JAVA_HOME/bin/java" -version 2>&1
            echo "java-exit=$?"
            """;

    @Test
    public void debianKernelBootsWithItsModulesLoaded() throws Exception {
        String want = System.getProperty("rig.vm.packaged", "7.3");
        Path cache = Path.of(System.getProperty("rig.vm.cache", PackagedKernels.defaultCacheDir().toString()));
        long t0 = System.nanoTime();
        GuestKernel k = PackagedKernels.fetch(want, cache);
        long fetchMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        GuestKernel again = PackagedKernels.fetch(want, cache);
        long againMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("fetched " + k + " in " + fetchMs + " ms; second call " + againMs + " ms");
        assertEquals(again, k);
        assertTrue(againMs < 2000, "second fetch comes from the cache: " + againMs + " ms");
        assertTrue(k.release().startsWith(want), k.release());
        assertTrue(k.origin().startsWith("debian:linux-"), k.origin());
        assertTrue(k.hasModules() && Files.isDirectory(k.modulesDir().get().resolve("kernel/drivers/vfio")));

        Path work = TestKernels.repoRoot().resolve("rig-agent/target/vm-test/packaged-" + want);
        GuestRun run = new VirtualHost().run(GuestRequest.of(k, List.of(new VmDevice.Edu()), PAYLOAD, work)
                .withTimeout(Duration.ofSeconds(120)));
        String out = run.stdout();
        System.out.println(run.summary() + " guest times " + run.guestTimes() + "\n" + out);
        assertTrue(run.completed(), run.summary());
        assertEquals(run.exitCode().getAsInt(), 0, run.stderr());
        assertTrue(out.contains("uname=" + k.release() + "\n"), out);
        for (String m : List.of("vfio", "vfio_pci", "vfio_pci_core", "vfio_iommu_type1", "9p", "9pnet_virtio")) {
            assertTrue(out.matches("(?s).*modules=[^\\n]*\\b" + m + " .*"), m + " loaded: " + out);
        }
        assertTrue(out.contains("vfio-pci-bound=0000:01:00.0 \n"), out);
        // Debian's kernels have no IOMMUFD: the group/container node only
        String group = out.lines().filter(l -> l.startsWith("group=")).findFirst().orElseThrow().substring(6);
        assertTrue(out.contains("dev-vfio=" + group + " vfio \n"), out);
        assertTrue(out.contains("version \"25") && out.contains("java-exit=0\n"), out);
    }
}
