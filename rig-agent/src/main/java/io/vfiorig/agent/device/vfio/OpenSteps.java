package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The calls of one open sequence: each failure becomes a {@link VfioOpenException} naming the step
 * and a fix, and every fd opened so far is closed again, so a failed open leaks nothing.
 */
final class OpenSteps {
    private final String bdf;
    private final VfioApi api;
    private final List<Path> nodes;
    private final FdHolders holders;
    private final List<Integer> opened = new ArrayList<>();

    /** @param nodes the device's nodes, searched in /proc when a step fails with EBUSY */
    OpenSteps(String bdf, VfioApi api, List<Path> nodes, FdHolders holders) {
        this.bdf = bdf;
        this.api = api;
        this.nodes = List.copyOf(nodes);
        this.holders = holders;
    }

    int open(Path node, String step) {
        return call(step, node.toString(), () -> {
            int fd = Libc.open(node.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
            opened.add(fd);
            return fd;
        });
    }

    /** Runs one call; on failure closes everything opened and throws the explained error. */
    <T> T call(String step, String node, Supplier<T> call) {
        try {
            return call.get();
        } catch (NativeCallException e) {
            List<FdHolders.Holder> who = e.errno() == Errno.EBUSY ? holders.of(nodes) : List.of();
            rollback();
            throw VfioErrors.callFailed(bdf, api, step, e, node, who);
        }
    }

    /** Throws {@code error} after closing everything opened. */
    RuntimeException fail(RuntimeException error) {
        rollback();
        return error;
    }

    void rollback() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            VfioHandle.closeQuietly(opened.get(i));
        }
        opened.clear();
    }
}
