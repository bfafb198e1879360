package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.util.List;
import java.util.Map;

/**
 * The file descriptors of an opened VFIO device: the device fd, plus what keeps it usable (group
 * and container, or the iommufd). Closing the device fd alone is a test step (close-while-mapped);
 * {@link #close()} releases everything, device first.
 *
 * @param api      how it was opened
 * @param keepers  fds besides the device's, in the order to close them (group before container)
 * @param facts    what the open learned, for {@code describe()} (group number, cdev name, IOAS id, ...)
 */
public record VfioHandle(VfioApi api, DeviceFd device, List<Integer> keepers, Map<String, String> facts)
        implements AutoCloseable {

    public VfioHandle {
        keepers = List.copyOf(keepers);
        facts = Map.copyOf(facts);
    }

    @Override
    public void close() {
        device.close();
        for (int fd : keepers) {
            closeQuietly(fd);
        }
    }

    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            Libc.close(fd);
        } catch (NativeCallException ignored) {
            // closing is best effort on the way out; the kernel drops the fd either way
        }
    }
}
