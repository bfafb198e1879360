package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/**
 * Infrastructure failures come back classified, with a fix, and never as a payload result.
 * Real QEMU, real kernel; guests run one after another (single-threaded TestNG class).
 */
public class VirtualHostFailureTest {
    static Path work(String name) {
        return TestKernels.repoRoot().resolve("rig-agent/target/vm-test/" + name);
    }

    static GuestKernel sharedKernel() throws Exception {
        return GuestKernel.fromBzImage(TestKernels.requireSharedKernel());
    }

    @Test
    public void missingQemuSaysWhichPackageToInstall() throws Exception {
        GuestRun run = new VirtualHost(19, "qemu-system-x86_64-not-installed")
                .run(GuestRequest.of(sharedKernel(), List.of(new VmDevice.Edu()), "true", work("no-qemu")));
        GuestFailure f = run.failure().orElseThrow();
        assertEquals(f.kind(), GuestFailure.QEMU_MISSING);
        assertEquals(f.fix(), "apt-get install --no-install-recommends qemu-system-x86");
        assertTrue(run.exitCode().isEmpty());
        assertEquals(run.infraError().orElseThrow().kind(), "vm-qemu-missing");
    }

    @Test
    public void qemuRefusingTheKernelIsQemuFailed() throws Exception {
        Path junk = Files.createTempFile("not-a-kernel", "");
        Files.write(junk, new byte[64 * 1024]);
        GuestKernel k = new GuestKernel(junk, Optional.empty(), "0.0", "junk");
        GuestRun run = new VirtualHost().run(GuestRequest.of(k, List.of(), "true", work("junk-kernel")).withTimeout(Duration.ofSeconds(30)));
        GuestFailure f = run.failure().orElseThrow();
        assertEquals(f.kind(), GuestFailure.QEMU_FAILED, f.describe());
        assertTrue(f.message().contains("qemu"), f.message());
        assertTrue(run.total().toSeconds() < 30, "QEMU's refusal is seen at once, not at the deadline");
    }

    @Test
    public void panicBeforeInitIsAKernelPanic() throws Exception {
        // no /nonexistent in the initramfs and no root device: the kernel panics before any /init
        GuestRun run = new VirtualHost().run(GuestRequest.of(sharedKernel(), List.of(), "true", work("panic"))
                .withExtraAppend(List.of("rdinit=/nonexistent")).withTimeout(Duration.ofSeconds(60)));
        GuestFailure f = run.failure().orElseThrow();
        assertEquals(f.kind(), GuestFailure.KERNEL_PANIC, f.describe());
        assertTrue(f.message().contains("during boot"), f.message());
        assertTrue(run.bootToInit().isEmpty());
    }

    @Test
    public void aHangingPayloadIsKilledAtTheDeadline() throws Exception {
        GuestRun run = new VirtualHost().run(GuestRequest.of(sharedKernel(), List.of(), "sleep 600", work("hang"))
                .withTimeout(Duration.ofSeconds(15)));
        GuestFailure f = run.failure().orElseThrow();
        assertEquals(f.kind(), GuestFailure.PAYLOAD_TIMEOUT, f.describe());
        assertTrue(run.bootToInit().isPresent(), "init had started");
        assertFalse(run.completed());
        assertTrue(run.total().toSeconds() < 40, "killed at the deadline: " + run.total());
    }
}
