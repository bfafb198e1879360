package io.vfiorig.agent.device.vfio;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntFunction;

/**
 * The device fd, closable while other threads use it: users run under the read lock, so a
 * concurrent {@link #close()} waits for a running ioctl instead of pulling the number from under it
 * (a reused fd number would send the next ioctl to the wrong file).
 */
public final class DeviceFd {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int fd;

    public DeviceFd(int fd) {
        this.fd = fd;
    }

    /**
     * Runs {@code call} with the open fd.
     *
     * @throws IllegalStateException naming {@code what} when the fd was closed
     */
    public <T> T with(String what, IntFunction<T> call) {
        lock.readLock().lock();
        try {
            if (fd < 0) {
                throw new IllegalStateException("cannot " + what + ": the device fd was closed (close-while-mapped)");
            }
            return call.apply(fd);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean isOpen() {
        lock.readLock().lock();
        try {
            return fd >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes once; later calls do nothing. */
    public void close() {
        lock.writeLock().lock();
        try {
            int old = fd;
            fd = -1;
            VfioHandle.closeQuietly(old);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
