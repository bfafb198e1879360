/**
 * Thin Panama FFM bindings to the libc calls the rig needs (open, ioctl, mmap, pread, getrusage, ...).
 *
 * <p>Every failing call throws {@link io.vfiorig.vfio.ffm.NativeCallException}, which names the call,
 * its arguments, the errno and strerror, so a failure in a rig log is readable without a debugger.
 * Nothing here knows about devices beyond naming VFIO ioctl requests in messages.
 */
package io.vfiorig.vfio.ffm;
