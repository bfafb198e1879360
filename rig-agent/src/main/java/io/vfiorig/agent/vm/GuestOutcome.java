package io.vfiorig.agent.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Decides, from what was observed, whether a guest run produced a result and if not why. Pure, for tests. */
final class GuestOutcome {
    private GuestOutcome() {}

    /**
     * @param payloadExit the exit file's value, if it appeared
     * @param timedOut    the deadline passed and QEMU was killed
     * @param qemuExit    QEMU's exit status, empty when it was killed
     * @param initStarted /init's start line reached the console
     * @param console     console text (tail is enough)
     * @param qemuOutput  QEMU's own stdout/stderr
     */
    static Optional<GuestFailure> classify(OptionalInt payloadExit, boolean timedOut, OptionalInt qemuExit,
            boolean initStarted, String console, String qemuOutput, Duration timeout, Path consoleLog) {
        if (payloadExit.isPresent()) {
            return Optional.empty(); // even if QEMU then had to be killed: the result is in
        }
        String see = "; console: " + consoleLog;
        String panic = ConsoleLog.panicLine(console);
        if (!panic.isEmpty()) {
            return Optional.of(new GuestFailure(GuestFailure.KERNEL_PANIC,
                    (initStarted ? "the guest kernel panicked while /init ran: " : "the guest kernel panicked during boot: ")
                            + panic + see, initStarted ? "" : kernelConfigFix()));
        }
        if (timedOut) {
            if (initStarted) {
                return Optional.of(new GuestFailure(GuestFailure.PAYLOAD_TIMEOUT, "the payload did not finish within "
                        + timeout.toSeconds() + " s (last console lines: " + ConsoleLog.tail(console, 3) + ")" + see,
                        "raise the guest timeout, or look for a hung task in the console log"));
            }
            return Optional.of(new GuestFailure(GuestFailure.BOOT_TIMEOUT, "the guest did not reach /init within "
                    + timeout.toSeconds() + " s (console: " + (console.isBlank() ? "empty" : ConsoleLog.tail(console, 3)) + ")" + see,
                    console.isBlank() ? "the kernel printed nothing: it needs CONFIG_SERIAL_8250_CONSOLE; " + kernelConfigFix()
                            : kernelConfigFix()));
        }
        if (!initStarted) {
            if (console.isBlank() && qemuExit.orElse(0) != 0) {
                String first = qemuOutput.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
                return Optional.of(new GuestFailure(GuestFailure.QEMU_FAILED, "QEMU exited with status " + qemuExit.getAsInt()
                        + " before the guest started: " + first, "check the device options; the full command is in qemu-command.txt"));
            }
            return Optional.of(new GuestFailure(GuestFailure.BOOT_FAILED, "the guest stopped before /init (last console lines: "
                    + (console.isBlank() ? "none" : ConsoleLog.tail(console, 3)) + ")" + see, kernelConfigFix()));
        }
        return Optional.of(new GuestFailure(GuestFailure.GUEST_DIED, "the guest powered off without the payload's exit file"
                + " (last console lines: " + ConsoleLog.tail(console, 3) + ")" + see, ""));
    }

    private static String kernelConfigFix() {
        return "the guest kernel needs the options in rig-agent/src/main/resources/vm/vfio-guest.config.fragment (docs/virtual-lab-host.md)";
    }
}
