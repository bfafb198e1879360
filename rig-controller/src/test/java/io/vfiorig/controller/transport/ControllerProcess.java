package io.vfiorig.controller.transport;

import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.inventory.InventoryLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A controller in its own JVM, for tests that kill it with SIGKILL: {@code INVENTORY JDBC PORT}.
 * Prints {@code ready} once it listens, then serves until killed.
 */
public final class ControllerProcess {
    private ControllerProcess() {}

    public static void main(String[] args) throws Exception {
        ControllerServer.Config cfg = new ControllerServer.Config(InventoryLoader.load(Path.of(args[0])), args[1],
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])), null, null);
        ControllerServer.start(cfg, ControllerServer.NO_FLEET);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts one; returns once it listens. */
    static Process start(Path inventory, String jdbcUrl, int port, Path log) throws Exception {
        Process p = JavaProcess.start(ControllerProcess.class, log, inventory.toString(), jdbcUrl, Integer.toString(port));
        JavaProcess.awaitLine(p, log, "ready", 120_000);
        return p;
    }
}
