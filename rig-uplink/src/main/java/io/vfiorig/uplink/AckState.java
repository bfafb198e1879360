package io.vfiorig.uplink;

import io.vfiorig.proto.Ack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the controller has acknowledged, per run: the contiguous stored sequence and whether the
 * run's end is stored. Saved now and then to {@code acked.txt} so a restarted agent replays less;
 * losing it costs only replays, which the controller ignores (ingest is idempotent). Not thread-safe:
 * the spool guards it.
 */
final class AckState {
    private final Map<String, Long> contiguous = new HashMap<>();
    private final Set<String> finished = new HashSet<>();

    void apply(Ack ack) {
        contiguous.merge(ack.getRunId(), ack.getContiguousSequence(), Math::max);
        if (ack.getFinished()) {
            finished.add(ack.getRunId());
        }
    }

    boolean acked(ReportKey k) {
        if (k.finished()) {
            return finished.contains(k.runId());
        }
        return k.sequence() <= contiguous.getOrDefault(k.runId(), -1L);
    }

    /** Forgets runs no spooled record refers to any more. */
    void retainOnly(Set<String> runs) {
        contiguous.keySet().retainAll(runs);
        finished.retainAll(runs);
    }

    static AckState load(Path file) throws IOException {
        AckState s = new AckState();
        if (!Files.exists(file)) {
            return s;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length == 3) { // a damaged line is dropped: it only means a replay
                try {
                    s.contiguous.put(f[0], Long.parseLong(f[1]));
                    if (f[2].equals("1")) {
                        s.finished.add(f[0]);
                    }
                } catch (NumberFormatException ignored) {
                    // As above.
                }
            }
        }
        return s;
    }

    /** Writes next to the file and renames, so a crash leaves the old or the new state. */
    void save(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        Set<String> runs = new HashSet<>(contiguous.keySet());
        runs.addAll(finished);
        for (String run : runs) {
            b.append(run).append(' ').append(contiguous.getOrDefault(run, -1L)).append(' ')
                    .append(finished.contains(run) ? '1' : '0').append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
