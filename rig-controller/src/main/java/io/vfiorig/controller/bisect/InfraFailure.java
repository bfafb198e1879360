package io.vfiorig.controller.bisect;

/**
 * A build, boot or run that failed for a reason that says nothing about the kernel under test
 * (a lab glitch, a guest that did not come up). Retried, then the kernel is skipped; never bad.
 */
public final class InfraFailure extends Exception {
    public InfraFailure(String message) {
        super(message);
    }

    public InfraFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
