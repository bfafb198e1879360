package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.vm.GuestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testng.annotations.Test;

public class GuestProbeFailureTest {
    @Test
    public void aGuestJvmCrashIsNamedFromItsHsErrFile() throws Exception {
        Path out = Files.createTempDirectory("guest-out");
        Files.writeString(out.resolve("hs_err_pid77.log"), """
                #
                # A fatal error has been detected by the Java Runtime Environment:
                #
                #  SIGSEGV (0xb) at pc=0x00007f, pid=77, tid=81
                #
                # JRE version: OpenJDK Runtime Environment (25.0.3+9)
                """);
        InfraError e = GuestProbeFailure.describe(out, 134, "RevokeUnderLoadTest.revokeUnderLoad");
        assertEquals(e.kind(), "vm-probe-crash");
        assertTrue(e.message().contains("crashed during RevokeUnderLoadTest.revokeUnderLoad: SIGSEGV (0xb) at pc=0x00007f"),
                e.message());
        assertTrue(e.artifact().endsWith("hs_err_pid77.log"));
        assertEquals(e.duringTest(), "RevokeUnderLoadTest.revokeUnderLoad");
    }

    @Test
    public void aProbeThatEndedEarlyQuotesItsStderr() throws Exception {
        Path out = Files.createTempDirectory("guest-out");
        Files.writeString(out.resolve("payload.stderr"), "Error: Could not find or load main class x\n\nCaused by: y\n");
        InfraError e = GuestProbeFailure.describe(out, 1, "");
        assertEquals(e.kind(), "vm-probe-exit");
        assertTrue(e.message().endsWith("(exit code 1): Error: Could not find or load main class x | Caused by: y"),
                e.message());
    }

    /**
     * QEMU refuses a file that is not a kernel: an infrastructure error, retried once, and never a
     * test result. (Needs qemu-system-x86 like every guest test; about 3 s.)
     */
    @Test
    public void aGuestThatNeverBootsIsRetriedOnceAndReportedAsInfrastructure() throws Exception {
        Path notAKernel = Files.createTempFile("not-a-kernel", ".img");
        Files.write(notAKernel, new byte[4096]);
        GuestKernel bogus = new GuestKernel(notAKernel, Optional.empty(), "0.0.0-bogus", notAKernel.toString());
        Path out = Files.createTempDirectory("guest-retry");
        ProbeOutcome o = new GuestProbe(bogus, System.getProperty("java.class.path"))
                .run(new ProbeRequest("smoke", List.of("vm:edu"), out, Duration.ofSeconds(60), Map.of()), new ProbeListener() {});
        assertEquals(o.results(), List.of(), "no test result from a guest that did not run");
        assertEquals(o.infraErrors().size(), 2, "two attempts: " + o.infraErrors());
        for (InfraError e : o.infraErrors()) {
            assertTrue(e.kind().startsWith("vm-"), e.toString());
        }
        assertTrue(Files.isDirectory(out.resolve("guest/attempt-2")), "the second attempt ran");
        assertEquals(o.exitCode(), -1);
    }
}
