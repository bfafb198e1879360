package io.vfiorig.controller.transport;

import io.grpc.ManagedChannel;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import java.nio.file.Path;

/**
 * An agent in its own JVM, for tests that kill it with SIGKILL: {@code SPOOL PORT RUN COUNT}. Spools
 * COUNT results of RUN in batches of 50 (printing {@code spooled N} after each fsync'd append) while
 * streaming; then waits until everything is acknowledged and prints {@code drained}. COUNT 0: only
 * replays what the spool holds.
 */
public final class AgentProcess {
    private AgentProcess() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[3]);
        ManagedChannel ch = UplinkClient.channel("127.0.0.1:" + args[1], null);
        Spool spool = Spool.open(Path.of(args[0]));
        new UplinkClient(ch, spool, () -> StreamLab.hello(StreamLab.HOST_1), o -> { }, System.err).start();
        RunReports run = StreamLab.run(args[2], "sim");
        for (int i = 0; i < count; i += 50) {
            spool.append(StreamLab.results(run, i, i + 50));
            System.out.println("spooled " + (i + 50));
            System.out.flush();
            Thread.sleep(5);
        }
        while (!spool.drained()) {
            Thread.sleep(20);
        }
        System.out.println("drained");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
