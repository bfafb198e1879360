package io.vfiorig.vfio.ffm;

import java.util.Optional;

/**
 * A libc call failed. The message names the call, its arguments, the errno and strerror, e.g.
 * {@code ioctl(fd=5, VFIO_DEVICE_GET_REGION_INFO 0x3b6c, ptr 0x7f..[32 B]) failed: EINVAL (Invalid argument)}.
 *
 * <p>Instances are immutable: {@link #withHint(String)} returns a new exception.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String arguments;
    private final int errno;
    private final String strerror;
    private final String hint;

    /**
     * Creates an exception for a failed call.
     *
     * @param call      the libc function, e.g. {@code "ioctl"}
     * @param arguments the rendered arguments, e.g. {@code "fd=5, VFIO_DEVICE_RESET 0x3b6f"}
     * @param errno     the errno captured right after the call
     * @param strerror  the C library's text for {@code errno}, e.g. {@code "Invalid argument"}
     */
    public NativeCallException(String call, String arguments, int errno, String strerror) {
        this(call, arguments, errno, strerror, null);
    }

    private NativeCallException(String call, String arguments, int errno, String strerror, String hint) {
        super(render(call, arguments, errno, strerror, hint));
        this.call = call;
        this.arguments = arguments;
        this.errno = errno;
        this.strerror = strerror;
        this.hint = hint;
    }

    private static String render(String call, String arguments, int errno, String strerror, String hint) {
        String base = call + "(" + arguments + ") failed: " + Errno.name(errno) + " (" + strerror + ")";
        return hint == null ? base : base + " — fix: " + hint;
    }

    /**
     * Returns a copy whose message ends with {@code " — fix: " + fix}; errno, call and stack trace are kept.
     *
     * @param fix what the operator should do, e.g. "bind the device to vfio-pci first"
     * @return the new exception (this one is unchanged)
     */
    public NativeCallException withHint(String fix) {
        NativeCallException copy = new NativeCallException(call, arguments, errno, strerror, fix);
        copy.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    /** {@return the libc function that failed, e.g. {@code "ioctl"}} */
    public String call() {
        return call;
    }

    /** {@return the rendered arguments, without the surrounding parentheses} */
    public String arguments() {
        return arguments;
    }

    /** {@return the errno value captured right after the failing call} */
    public int errno() {
        return errno;
    }

    /** {@return the symbolic errno, e.g. {@code "EINVAL"}} */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** {@return strerror's text for the errno, e.g. {@code "Invalid argument"}} */
    public String strerror() {
        return strerror;
    }

    /** {@return the fix hint attached with {@link #withHint(String)}, if any} */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
