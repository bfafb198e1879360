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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The vfio backend's own behaviour on the real kernel, beyond the suites: DMA_BUF feature probing,
 * the kernel-log watcher, and the errors a user sees (device busy, not bound). One guest boot;
 * {@link GuestVfioCheck} runs inside it.
 */
public class GuestVfioChecksTest {
    private static final String BDF = "0000:01:00.0";
    private GuestRun run;
    private final Map<String, List<String>> lines = new LinkedHashMap<>();

    @BeforeClass
    public void boot() throws Exception {
        Path work = GuestTestKernel.repoRoot().resolve("rig-agent/target/vm-test/vfio-checks");
        ClasspathShare cp = ClasspathShare.stage(ClasspathShare.currentClassPath(), work.resolve("classpath"));
        String payload = "\"$JAVA_HOME/bin/java\" --enable-native-access=ALL-UNNAMED -cp \"$RIG_CP\" "
                + GuestVfioCheck.class.getName() + " " + BDF + "\n";
        run = new VirtualHost().run(GuestRequest.of(GuestTestKernel.require(), List.of(new VmDevice.Edu()), payload, work)
                .withShares(List.of(cp.share())).withEnv(Map.of("RIG_CP", cp.guestClassPath()))
                .withTimeout(Duration.ofSeconds(150)));
        System.out.println(run.summary());
        String out = run.completed() ? run.stdout() : "";
        System.out.println(out + run.stderr());
        for (String l : out.lines().toList()) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                lines.computeIfAbsent(l.substring(0, eq), k -> new java.util.ArrayList<>()).add(l.substring(eq + 1));
            }
        }
    }

    private String one(String key) {
        List<String> v = lines.get(key);
        assertTrue(v != null && v.size() == 1, key + " in " + lines + " (" + run.summary() + ")");
        return v.getFirst();
    }

    @Test
    public void theGuestRanTheChecks() {
        assertTrue(run.completed(), run.summary());
        assertEquals(run.exitCode().getAsInt(), 0);
        assertEquals(one("open.api"), "cdev");
    }

    @Test
    public void dmaBufIsProbedAndTheUnmergedSeriesIsASkipWithItsReason() {
        assertTrue(one("feature.DMA_BUF").startsWith("supported (id 11)"), one("feature.DMA_BUF"));
        String revoke = one("feature.DMA_BUF_REVOKE");
        assertTrue(revoke.startsWith("unsupported: VFIO_DEVICE_FEATURE PROBE|SET of 14 (DMA_BUF_REVOKE) on kernel 7.3.4: ENOTTY"),
                revoke);
        assertTrue(revoke.contains("default for 7.3+"), "the numbering used is reported: " + revoke);
        assertTrue(one("feature.DMA_BUF_MEMATTR").contains("of 15 (DMA_BUF_MEMATTR)"), one("feature.DMA_BUF_MEMATTR"));
    }

    @Test
    public void aWarnLineWrittenByUserSpaceIsNotTheKernels() {
        assertEquals(one("kmsg.before"), "0", "the log before the device was opened is not this test's");
        assertEquals(one("kmsg.findings"), "0", "user space wrote it: LOG_USER, not the kernel's own report");
        assertTrue(one("kmsg.fact").startsWith("clean ("), one("kmsg.fact"));
    }

    @Test
    public void aSecondOpenNamesTheProcessHoldingTheDevice() {
        assertEquals(one("first.api"), "group");
        String group = one("busy.group");
        assertTrue(group.contains("EBUSY") && group.contains("/dev/vfio/"), group);
        assertTrue(group.matches(".*fix: close it in the process that holds it: pid \\d+ \\(java\\) holds /dev/vfio/\\d+.*"), group);
        String cdev = one("busy.cdev");
        assertTrue(cdev.contains("(cdev): cannot") && cdev.contains("EBUSY") && cdev.contains("(java) holds"), cdev);
    }

    @Test
    public void anUnboundDeviceGetsTheBindCommands() {
        String m = one("unbound");
        assertTrue(m.contains("bound to no driver, not vfio-pci"), m);
        assertTrue(m.contains("echo vfio-pci > /sys/bus/pci/devices/" + BDF + "/driver_override"), m);
    }
}
