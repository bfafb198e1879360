package io.vfiorig.agent.vm;

import io.vfiorig.agent.result.InfraError;

/**
 * Why a guest run produced no payload result: always an infrastructure problem (missing tool,
 * kernel that did not boot, payload that never finished), never a test verdict.
 *
 * @param kind    short id, one of the constants below
 * @param message what happened, one line
 * @param fix     what to do about it, or empty when there is nothing obvious
 */
public record GuestFailure(String kind, String message, String fix) {
    public static final String QEMU_MISSING = "qemu-missing";
    public static final String TOOL_MISSING = "tool-missing";
    public static final String KERNEL_MISSING = "kernel-missing";
    public static final String KERNEL_FETCH = "kernel-fetch-failed";
    public static final String INITRAMFS = "initramfs-failed";
    /** QEMU rejected its command line or could not start (bad device option, no memory). */
    public static final String QEMU_FAILED = "qemu-failed";
    /** QEMU ran but the guest never reached /init. */
    public static final String BOOT_FAILED = "boot-failed";
    public static final String BOOT_TIMEOUT = "boot-timeout";
    public static final String KERNEL_PANIC = "kernel-panic";
    /** /init started but the payload's exit file did not appear before the deadline. */
    public static final String PAYLOAD_TIMEOUT = "payload-timeout";
    /** /init started, QEMU ended, and no exit file: init died or the results share failed. */
    public static final String GUEST_DIED = "guest-died";
    /** The supervisor stopped the guest on purpose (a thread stuck in its kernel was recorded). */
    public static final String TORN_DOWN = "torn-down";

    public GuestFailure {
        fix = fix == null ? "" : fix;
    }

    /** One line for logs and reports: message plus the fix. */
    public String describe() {
        return kind + ": " + message + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }

    /** The rig's result model records infrastructure trouble as an {@link InfraError}. */
    public InfraError toInfraError(String artifact, String duringTest) {
        return new InfraError("vm-" + kind, message + (fix.isEmpty() ? "" : "; fix: " + fix), artifact, duringTest);
    }
}
