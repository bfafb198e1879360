package io.vfiorig.vfio.uapi;

/** The kernel returned a capability chain that loops or points outside the info buffer. */
public final class MalformedCapabilityChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the offending offset
     */
    public MalformedCapabilityChainException(String message) {
        super(message);
    }
}
