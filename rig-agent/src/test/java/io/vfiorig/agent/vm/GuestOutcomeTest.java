package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.testng.annotations.Test;

public class GuestOutcomeTest {
    static final Path LOG = Path.of("/w/console.log");
    static final Duration T = Duration.ofSeconds(120);

    static Optional<GuestFailure> classify(OptionalInt payload, boolean timedOut, OptionalInt qemu, boolean init, String console, String qemuOut) {
        return GuestOutcome.classify(payload, timedOut, qemu, init, console, qemuOut, T, LOG);
    }

    @Test
    public void anExitFileIsAResultEvenIfQemuHadToBeKilled() {
        assertTrue(classify(OptionalInt.of(3), true, OptionalInt.empty(), true, "", "").isEmpty());
    }

    @Test
    public void timeoutAfterInitIsAPayloadTimeout() {
        GuestFailure f = classify(OptionalInt.empty(), true, OptionalInt.empty(), true, "rig-init: started\nrig-init: payload start\n", "").orElseThrow();
        assertEquals(f.kind(), GuestFailure.PAYLOAD_TIMEOUT);
        assertTrue(f.message().contains("120 s") && f.message().contains("payload start"), f.message());
    }

    @Test
    public void timeoutBeforeInitIsABootTimeout() {
        GuestFailure f = classify(OptionalInt.empty(), true, OptionalInt.empty(), false, "", "").orElseThrow();
        assertEquals(f.kind(), GuestFailure.BOOT_TIMEOUT);
        assertTrue(f.fix().contains("SERIAL_8250_CONSOLE"), f.fix());
    }

    @Test
    public void qemuRefusingItsCommandLineIsNamed() {
        GuestFailure f = classify(OptionalInt.empty(), false, OptionalInt.of(1), false, "",
                "qemu-system-x86_64: -device foo: 'foo' is not a valid device model name\n").orElseThrow();
        assertEquals(f.kind(), GuestFailure.QEMU_FAILED);
        assertTrue(f.message().contains("'foo' is not a valid device model name"), f.message());
    }

    @Test
    public void panicsAreKernelPanicsBeforeAndAfterInit() {
        String console = "[    1.0] Kernel panic - not syncing: VFS: Unable to mount root fs\n";
        assertEquals(classify(OptionalInt.empty(), false, OptionalInt.of(0), false, console, "").orElseThrow().kind(), GuestFailure.KERNEL_PANIC);
        GuestFailure after = classify(OptionalInt.empty(), false, OptionalInt.of(0), true, "rig-init: started\n" + console, "").orElseThrow();
        assertEquals(after.kind(), GuestFailure.KERNEL_PANIC);
        assertTrue(after.message().contains("while /init ran") && after.message().contains("Unable to mount root fs"), after.message());
    }

    @Test
    public void poweroffWithoutExitFileIsAGuestThatDied() {
        assertEquals(classify(OptionalInt.empty(), false, OptionalInt.of(0), true, "rig-init: started\nrig-init: results share not mounted\n", "")
                .orElseThrow().kind(), GuestFailure.GUEST_DIED);
        assertEquals(classify(OptionalInt.empty(), false, OptionalInt.of(0), false, "SeaBIOS\n", "").orElseThrow().kind(), GuestFailure.BOOT_FAILED);
    }

    @Test
    public void becomesAnInfraErrorNotATestResult() {
        GuestFailure f = new GuestFailure(GuestFailure.QEMU_MISSING, "qemu-system-x86_64 is not installed", "apt-get install qemu-system-x86");
        assertEquals(f.toInfraError("/w/console.log", "").kind(), "vm-qemu-missing");
        assertTrue(f.toInfraError("", "").message().endsWith("fix: apt-get install qemu-system-x86"));
    }
}
