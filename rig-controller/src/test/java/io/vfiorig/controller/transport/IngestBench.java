package io.vfiorig.controller.transport;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.grpc.ManagedChannel;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.fleet.AgentHello;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.RunOutcome;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.PostgresServer;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Ingest benchmark (not a test): N simulated agents, each with its own spool and stream, append results
 * as fast as they can while one controller stores them. Reports events/s (stored results per second,
 * first append to last store) and ingest lag (append on the agent to durable store on the controller,
 * seen through {@link FleetEvents#resultStored}) for SQLite and PostgreSQL at 10, 100 and 1,000 streams.
 * Writes {@code bench-results/ingest.json}. Run: {@code bench/ingest.sh}.
 */
public final class IngestBench {
    private static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int BATCH = 20;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-results/ingest.json");
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String db : List.of("sqlite", "postgresql")) {
            for (int agents : new int[] {10, 100, 1000}) {
                Map<String, Object> row = run(db, agents);
                System.out.println(row);
                rows.add(row);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "ingest: simulated agents streaming results to one controller");
        doc.put("date", Instant.now().toString());
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("loadAverageAtStart", loadAtStart); // /proc/loadavg: 1, 5, 15 min
        doc.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).strip());
        doc.put("eventsPerConfiguration", EVENTS);
        doc.put("target", "events/s >= 50000, p99 lag < 1 s");
        doc.put("method", "every agent appends its share as fast as it can (fsync per 20) while streaming: a saturation "
                + "run; lag = agent append to controller commit, so it includes the backlog queued on the agents");
        doc.put("results", rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, ResultsJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc));
        System.out.println("wrote " + out);
        System.exit(0);
    }

    private static Map<String, Object> run(String db, int agents) throws Exception {
        Path dir = StreamLab.tempDir("bench-" + db + "-" + agents);
        String url = db.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("results.db") : PostgresServer.newDatabaseUrl();
        Histogram lag = new ConcurrentHistogram(3_600_000_000L, 3); // micros
        AtomicLong stored = new AtomicLong();
        AtomicLong lastStored = new AtomicLong();
        FleetEvents probe = new FleetEvents() {
            @Override public void agentConnected(AgentHello hello) { }
            @Override public void agentHeartbeat(String host) { }
            @Override public void agentDisconnected(String host) { }
            @Override public void runStarted(String host, String runId) { }
            @Override public void runFinished(String host, String runId, RunOutcome outcome) { }

            @Override
            public void resultStored(String host, String runId, TestResult result) {
                long appendedMicros = result.durationMs(); // the bench puts the append time here
                lag.recordValue(Math.max(0, nowMicros() - appendedMicros));
                stored.incrementAndGet();
                lastStored.set(System.nanoTime());
            }
        };
        int perAgent = Math.max(BATCH, EVENTS / agents);
        int total = perAgent * agents;
        ControllerServer.Config cfg = new ControllerServer.Config(inventory(agents), url,
                new InetSocketAddress("127.0.0.1", 0), null, null);
        try (ControllerServer controller = ControllerServer.start(cfg, orders -> probe)) {
            String target = "127.0.0.1:" + controller.transport().address().getPort();
            List<ManagedChannel> channels = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                channels.add(UplinkClient.channel(target, null));
            }
            List<Spool> spools = new ArrayList<>();
            List<UplinkClient> clients = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                Spool s = Spool.open(dir.resolve("spool-" + a));
                String host = host(a);
                spools.add(s);
                clients.add(new UplinkClient(channels.get(a % channels.size()), s, () -> StreamLab.hello(host), o -> { },
                        QUIET).start());
            }
            StreamLab.await("all agents connected", 300_000, () -> controller.transport().connectedHosts().size() == agents);
            long start = System.nanoTime();
            ExecutorService producers = Executors.newFixedThreadPool(8);
            for (int a = 0; a < agents; a++) {
                Spool s = spools.get(a);
                RunReports run = StreamLab.run("bench-" + a, "sim");
                producers.execute(() -> {
                    for (int i = 0; i < perAgent; i += BATCH) {
                        List<io.vfiorig.proto.Report> batch = new ArrayList<>(BATCH);
                        for (int k = i; k < Math.min(perAgent, i + BATCH); k++) {
                            TestResult t = StreamLab.result(k);
                            batch.add(run.result(new TestResult(t.sequence(), t.suite(), t.test(), t.device(), t.backend(),
                                    t.status(), nowMicros(), t.message(), t.invariants(), t.latencies(), t.counters(),
                                    t.timeline(), t.facts())));
                        }
                        s.append(batch);
                    }
                });
            }
            producers.shutdown();
            StreamLab.await("all results stored", 3_600_000, () -> stored.get() >= total);
            double seconds = (lastStored.get() - start) / 1e9;
            clients.forEach(UplinkClient::close);
            channels.forEach(ManagedChannel::shutdownNow);
            spools.forEach(Spool::close);
            producers.awaitTermination(1, TimeUnit.MINUTES);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("store", db);
            row.put("agentStreams", agents);
            row.put("events", total);
            row.put("seconds", Math.round(seconds * 100) / 100.0);
            row.put("eventsPerSecond", Math.round(total / seconds));
            row.put("lagP50Ms", lag.getValueAtPercentile(50) / 1000.0);
            row.put("lagP99Ms", lag.getValueAtPercentile(99) / 1000.0);
            row.put("lagMaxMs", lag.getMaxValue() / 1000.0);
            return row;
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static String host(int a) {
        return String.format("bench-%04d", a);
    }

    private static Inventory inventory(int agents) throws Exception {
        StringBuilder y = new StringBuilder("version: 1\nlab: bench\nhosts:\n");
        for (int a = 0; a < agents; a++) {
            y.append("  - name: ").append(host(a)).append("\n    address: 127.0.0.1\n    agent-identity: CN=")
                    .append(host(a)).append(String.format(
                            "\n    devices:\n      - {bdf: \"0000:%02x:%02x.0\", expect: \"8086:0b25\", label: d%d, suites: [smoke]}%n",
                            a / 32 + 1, a % 32, a));
        }
        return InventoryLoader.parse(y.toString(), "bench inventory");
    }
}
