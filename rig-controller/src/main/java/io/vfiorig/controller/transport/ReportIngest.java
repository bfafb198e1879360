package io.vfiorig.controller.transport;

import io.grpc.Status;
import io.grpc.StatusException;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.RunOutcome;
import io.vfiorig.controller.store.ResultConflictException;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.proto.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores a batch of one agent's reports, then says what to acknowledge: per run, the contiguous
 * stored sequence and whether its end is stored. Replays (already stored) are skipped before they
 * reach the database. A batch is checked whole before any of it is stored; each run's part of it is
 * one transaction. Thread-safe.
 */
final class ReportIngest {
    private record RunKey(String host, String runId) {}

    private final ResultStore store;
    private final FleetEvents fleet;
    private final IngestStats stats;
    private final ConcurrentHashMap<RunKey, RunProgress> runs = new ConcurrentHashMap<>();

    ReportIngest(ResultStore store, FleetEvents fleet, IngestStats stats) {
        this.store = store;
        this.fleet = fleet;
        this.stats = stats;
    }

    /**
     * @param host  the admitted host: the agent of every report, whatever the reports say
     * @param batch in stream order
     * @return the acks to send, in order
     * @throws StatusException INVALID_ARGUMENT for a malformed result (nothing of the batch stored),
     *                         FAILED_PRECONDITION for a result stored before with other content
     */
    List<Ack> store(String host, List<ParsedReport> batch) throws StatusException {
        for (ParsedReport p : batch) {
            if (p.result() != null) {
                try {
                    ResultStore.check(p.result());
                } catch (IllegalArgumentException e) {
                    throw ParsedReport.invalid("report of run '" + p.runId() + "': " + e.getMessage());
                }
            }
        }
        List<Ack> acks = new ArrayList<>();
        int i = 0;
        while (i < batch.size()) {
            int j = i;
            while (j < batch.size() && batch.get(j).runId().equals(batch.get(i).runId())) {
                j++;
            }
            acks.add(storeRun(host, batch.subList(i, j)));
            i = j;
        }
        return acks;
    }

    /** One run's consecutive reports: results in one transaction, then the end if there is one. */
    private Ack storeRun(String host, List<ParsedReport> part) throws StatusException {
        ParsedReport first = part.getFirst();
        RunKey key = new RunKey(host, first.runId());
        RunProgress progress = runs.computeIfAbsent(key, k -> new RunProgress(store.contiguousSequence(host, k.runId())));
        List<TestResult> fresh = new ArrayList<>();
        RunEnd end = null;
        for (ParsedReport p : part) {
            if (p.result() != null && !progress.stored(p.result().sequence())) {
                fresh.add(p.result());
            } else if (p.end() != null) {
                end = p.end();
            }
        }
        boolean finished = false;
        try {
            if (!fresh.isEmpty()) {
                store.ingestAll(host, first.runId(), first.header(), fresh);
                progress.committed(fresh.stream().map(TestResult::sequence).toList());
                stats.stored(fresh.size());
                for (TestResult t : fresh) {
                    fleet.resultStored(host, first.runId(), t);
                }
            }
            if (end != null) {
                if (store.finishRun(host, first.runId(), first.header(), end)) {
                    fleet.runFinished(host, first.runId(), outcome(end));
                }
                finished = true;
                runs.remove(key);
            }
        } catch (ResultConflictException e) {
            throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException();
        } catch (IllegalArgumentException e) {
            throw ParsedReport.invalid("report of run '" + first.runId() + "': " + e.getMessage());
        }
        return Ack.newBuilder().setRunId(first.runId()).setContiguousSequence(progress.contiguous())
                .setFinished(finished).build();
    }

    static RunOutcome outcome(RunEnd end) {
        return switch (end.status()) {
            case "passed" -> new RunOutcome(RunOutcome.Kind.PASSED, "");
            case "violations" -> new RunOutcome(RunOutcome.Kind.FAILED, "");
            default -> new RunOutcome(RunOutcome.Kind.INFRA_ERROR, end.infraErrors().isEmpty() ? end.status()
                    : end.infraErrors().getFirst().kind() + ": " + end.infraErrors().getFirst().message());
        };
    }
}
