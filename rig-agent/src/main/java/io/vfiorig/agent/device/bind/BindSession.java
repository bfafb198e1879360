package io.vfiorig.agent.device.bind;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Devices this process moved to vfio-pci. {@link #close()} puts them back; so does a shutdown
 * hook (SIGTERM, SIGINT, {@code System.exit}), after stopping this process's children. SIGKILL skips both: the journal line stays and the
 * next start or {@code rig restore} restores.
 */
public final class BindSession implements AutoCloseable {
    private final SafeBinder binder;
    private final List<String> bound;
    private final List<RestoreOutcome> recovered;
    private final Thread hook;
    private List<RestoreOutcome> restored;

    BindSession(SafeBinder binder, List<String> bound, List<RestoreOutcome> recovered) {
        this.binder = binder;
        this.bound = List.copyOf(bound);
        this.recovered = List.copyOf(recovered);
        this.hook = Thread.ofPlatform().unstarted(this::restoreOnShutdown);
        if (!this.bound.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** Devices this session moved (those already on vfio-pci are not listed: they are not ours). */
    public List<String> bound() {
        return bound;
    }

    /** Devices a crashed earlier rig left bound, restored before this session bound anything. */
    public List<RestoreOutcome> recovered() {
        return recovered;
    }

    /** Puts this session's devices back (once) and says how it went. */
    public synchronized List<RestoreOutcome> restore() throws IOException {
        if (restored == null) {
            restored = bound.isEmpty() ? List.of() : binder.restoreMine(bound);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already shutting down (we may be the hook), or never added
            }
        }
        return restored;
    }

    @Override
    public void close() throws IOException {
        restore();
    }

    /**
     * SIGTERM/SIGINT: this process's children (the probe JVM) still hold the devices open, and
     * vfio-pci cannot be unbound while they do; they must not outlive the rig anyway. Stop them, then restore.
     */
    private void restoreOnShutdown() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                System.err.println("rig: child " + c.pid() + " did not exit: " + e);
            }
        }
        try {
            for (RestoreOutcome o : restore()) {
                System.err.println("rig: restore " + o);
            }
        } catch (IOException e) {
            System.err.println("rig: restore failed: " + e.getMessage() + "; run rig restore");
        }
    }
}
