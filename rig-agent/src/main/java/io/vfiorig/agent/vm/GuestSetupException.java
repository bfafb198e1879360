package io.vfiorig.agent.vm;

import java.io.IOException;

/** Preparing a guest failed (tool missing, kernel not found, initramfs not buildable); carries the classified failure. */
public final class GuestSetupException extends IOException {
    private final GuestFailure failure;

    public GuestSetupException(GuestFailure failure) {
        super(failure.describe());
        this.failure = failure;
    }

    public GuestSetupException(GuestFailure failure, Throwable cause) {
        super(failure.describe(), cause);
        this.failure = failure;
    }

    public GuestFailure failure() {
        return failure;
    }
}
