package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Boots the shared 7.3.4 guest kernel (everything built in) under QEMU with one edu device behind
 * a root port, and checks what the payload saw. One guest for the whole class: a boot costs
 * 10-40 s under TCG. A machine without qemu or busybox-static fails here with the fix.
 */
public class VirtualHostTest {
    static final String PAYLOAD = """
            echo "uname=$(uname -r)"
            echo "vfio-pci-bound=$(ls /sys/bus/pci/drivers/vfio-pci/ | grep '^0000:' | tr '\\n' ' ')"
            echo "reset_method=$(cat /sys/bus/pci/devices/$RIG_BDFS/reset_method)"
            if [ -c /dev/vfio/devices/vfio0 ]; then echo cdev=yes; else echo cdev=no; fi
            if [ -c /dev/iommu ]; then echo iommu=yes; else echo iommu=no; fi
            "$JAVA_HOME/bin/java" -version 2>&1
            echo "java-exit=$?"
            "$JAVA_HOME/bin/java" -cp "$RIG_CP" io.vfiorig.agent.vm.GuestHello
            echo written-by-guest > from-guest.txt
            """;

    private GuestRun run;
    private String stdout;

    @BeforeClass
    public void bootOnce() throws Exception {
        GuestKernel kernel = GuestKernel.fromBzImage(TestKernels.requireSharedKernel());
        Path work = TestKernels.repoRoot().resolve("rig-agent/target/vm-test/edu");
        // the rig's classes go in the way the probe will: this JVM's class path, staged into one share
        ClasspathShare cp = ClasspathShare.stage(ClasspathShare.currentClassPath(), work.resolve("classpath"));
        run = new VirtualHost().run(GuestRequest.of(kernel, List.of(new VmDevice.Edu()), PAYLOAD, work)
                .withShares(List.of(cp.share())).withEnv(java.util.Map.of("RIG_CP", cp.guestClassPath()))
                .withTimeout(Duration.ofSeconds(120)));
        System.out.println(run.summary() + " guest times " + run.guestTimes());
        stdout = run.stdout();
        System.out.println(stdout);
    }

    private void requireCompleted() throws Exception {
        assertTrue(run.completed(), run.summary() + "\nconsole tail:\n" + tail(run.console()));
    }

    @Test
    public void payloadRanAndExitedZero() throws Exception {
        requireCompleted();
        assertEquals(run.exitCode().getAsInt(), 0, "payload exit; stderr: " + run.stderr());
        assertTrue(run.bootToInit().isPresent(), "boot-to-init measured from the console marker");
        assertEquals(run.bdfs(), List.of("0000:01:00.0"));
        assertTrue(run.guestTimes().keySet().containsAll(List.of("init", "mounts", "bound", "payload-start", "payload-end")),
                "guest timings: " + run.guestTimes());
        assertEquals(java.nio.file.Files.readString(run.resultsDir().resolve("from-guest.txt")).strip(), "written-by-guest",
                "the results share is writable from the guest");
    }

    @Test
    public void guestRunsTheKernelWeBooted() throws Exception {
        requireCompleted();
        assertTrue(stdout.contains("uname=7.3.4\n"), stdout);
        assertEquals(run.kernelRelease(), "7.3.4", "release read from the bzImage header matches uname -r");
    }

    @Test
    public void eduIsBoundToVfioPciBehindARootPort() throws Exception {
        requireCompleted();
        assertTrue(stdout.contains("vfio-pci-bound=0000:01:00.0 \n"), stdout);
        assertEquals(run.bindReport().strip(), "0000:01:00.0 0x1234:0x11e8 vfio-pci");
        // behind a pcie-root-port the kernel can reset edu with a secondary bus reset
        assertTrue(stdout.contains("reset_method=bus\n"), stdout);
    }

    @Test
    public void iommufdCdevNodesExist() throws Exception {
        requireCompleted();
        assertTrue(stdout.contains("cdev=yes\n"), "/dev/vfio/devices/vfio0: " + stdout);
        assertTrue(stdout.contains("iommu=yes\n"), "/dev/iommu: " + stdout);
    }

    @Test
    public void hostJdkRunsFromTheNinePShare() throws Exception {
        requireCompleted();
        assertTrue(stdout.contains("version \"25"), stdout);
        assertTrue(stdout.contains("java-exit=0\n"), stdout);
    }

    @Test
    public void rigClassesLoadFromTheClasspathShare() throws Exception {
        requireCompleted();
        assertTrue(stdout.contains("hello-from-guest kernel=7.3.4 loaded=GuestKernel from=/rig/cp/"), stdout + run.stderr());
    }

    private static String tail(String s) {
        List<String> l = s.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    }
}
