package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.vm.ClasspathShare;
import io.vfiorig.agent.vm.GuestRequest;
import io.vfiorig.agent.vm.GuestRun;
import io.vfiorig.agent.vm.VirtualHost;
import io.vfiorig.agent.vm.VmDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A host without an IOMMU: the guest kernel boots with {@code intel_iommu=off
 * vfio.enable_unsafe_noiommu_mode=1}, so vfio-pci offers {@code /dev/vfio/noiommu-0} and, with
 * CONFIG_IOMMUFD_NOIOMMU, {@code /dev/vfio/devices/noiommu-vfio0}. Both open with a loud warning
 * and revoke/restore works through them.
 */
public class GuestNoIommuTest {
    private static final String OK = "id=0x10000ed revoked=sigbus restored=0x10000ed";
    private GuestRun run;
    private String stdout = "";
    private String stderr = "";

    @BeforeClass
    public void boot() throws Exception {
        Path work = GuestTestKernel.repoRoot().resolve("rig-agent/target/vm-test/noiommu");
        ClasspathShare cp = ClasspathShare.stage(ClasspathShare.currentClassPath(), work.resolve("classpath"));
        String payload = "\"$JAVA_HOME/bin/java\" --enable-native-access=ALL-UNNAMED -cp \"$RIG_CP\" "
                + GuestVfioCheck.class.getName() + " 0000:01:00.0 noiommu\n";
        run = new VirtualHost().run(GuestRequest.of(GuestTestKernel.require(), List.of(new VmDevice.Edu()), payload, work)
                .withShares(List.of(cp.share())).withEnv(Map.of("RIG_CP", cp.guestClassPath()))
                .withExtraAppend(List.of("intel_iommu=off", "vfio.enable_unsafe_noiommu_mode=1"))
                .withTimeout(Duration.ofSeconds(150)));
        System.out.println(run.summary());
        if (run.completed()) {
            stdout = run.stdout();
            stderr = run.stderr();
        }
        System.out.println(stdout + stderr);
    }

    @Test
    public void theGroupApiFindsTheNoIommuGroup() {
        assertEquals(run.exitCode().orElse(-1), 0, run.summary());
        assertTrue(stdout.contains("noiommu.group=opened api=noiommu node=/dev/vfio/noiommu-0 ioas=null " + OK + "\n"), stdout);
    }

    @Test
    public void theCdevIsBoundWithoutAnAddressSpaceAndAutoPicksIt() {
        String cdev = "api=noiommu-cdev node=/dev/vfio/devices/noiommu-vfio0 ioas=none (no IOMMU) " + OK + "\n";
        assertTrue(stdout.contains("noiommu.cdev=opened " + cdev), stdout);
        assertTrue(stdout.contains("noiommu.auto=opened " + cdev), stdout);
    }

    @Test
    public void everyNoIommuOpenWarnsLoudly() {
        long warnings = stderr.lines().filter(l -> l.startsWith("WARNING: vfio 0000:01:00.0 opened through")
                && l.contains("no-IOMMU mode, the device's DMA is not isolated")).count();
        assertEquals(warnings, 3, stderr);
    }
}
