package io.vfiorig.agent.device.vfio;

/**
 * A VFIO device could not be opened or set up. The message names the device, the step, the call
 * and errno when there was one, and a fix; the suites report it as an error, never as a finding.
 */
public final class VfioOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VfioOpenException(String message) {
        super(message);
    }

    public VfioOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
