package io.vfiorig.controller.transport;

import io.grpc.Status;
import io.grpc.StatusException;
import io.vfiorig.controller.fleet.FleetEvents;
import io.vfiorig.controller.fleet.RunOutcome;
import io.vfiorig.controller.store.CheckedResult;
import io.vfiorig.controller.store.ResultConflictException;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.proto.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores batches of agents' reports, then says what to acknowledge: per run, the contiguous stored
 * sequence and whether its end is stored. Many streams' batches are committed in one transaction
 * (group commit: one fsync for all); replays are skipped before they reach the database. If a group
 * fails, each batch is retried alone, so one bad stream fails only itself. Thread-safe.
 */
final class ReportIngest {
    /** One stream's batch, in stream order; {@code done} completes with its acks or fails with a status. */
    record Job(String host, List<ParsedReport> reports, CompletableFuture<List<Ack>> done) {}

    private record RunKey(String host, String runId) {}

    /** A run's consecutive reports within a job. */
    private record Part(Job job, RunKey key, ParsedReport first, RunProgress progress, List<CheckedResult> fresh,
            List<Long> freshSpooledAtMs, RunEnd end) {}

    private final ResultStore store;
    private final FleetEvents fleet;
    private final IngestStats stats;
    private final ConcurrentHashMap<RunKey, RunProgress> runs = new ConcurrentHashMap<>();

    ReportIngest(ResultStore store, FleetEvents fleet, IngestStats stats) {
        this.store = store;
        this.fleet = fleet;
        this.stats = stats;
    }

    /** Commits the jobs together, or each alone when together fails; completes every job's future. */
    void commit(List<Job> jobs) {
        try {
            commitTogether(jobs);
        } catch (RuntimeException e) {
            if (jobs.size() == 1) {
                jobs.getFirst().done().completeExceptionally(statusOf(e).asException());
                return;
            }
            for (Job j : jobs) {
                commit(List.of(j));
            }
        }
    }

    private void commitTogether(List<Job> jobs) {
        List<Part> parts = new ArrayList<>();
        List<ResultStore.RunBatch> batches = new ArrayList<>();
        for (Job job : jobs) {
            List<ParsedReport> rs = job.reports();
            int i = 0;
            while (i < rs.size()) {
                int j = i;
                while (j < rs.size() && rs.get(j).runId().equals(rs.get(i).runId())) {
                    j++;
                }
                Part p = plan(job, rs.subList(i, j));
                parts.add(p);
                if (!p.fresh().isEmpty()) {
                    batches.add(new ResultStore.RunBatch(job.host(), p.key().runId(), p.first().header(), p.fresh()));
                }
                i = j;
            }
        }
        if (!batches.isEmpty()) {
            store.ingestBatches(batches);
        }
        List<List<Ack>> acks = new ArrayList<>();
        jobs.forEach(j -> acks.add(new ArrayList<>()));
        for (Part p : parts) {
            acks.get(jobs.indexOf(p.job())).add(committed(p));
        }
        for (int k = 0; k < jobs.size(); k++) {
            jobs.get(k).done().complete(acks.get(k));
        }
    }

    private Part plan(Job job, List<ParsedReport> part) {
        ParsedReport first = part.getFirst();
        RunKey key = new RunKey(job.host(), first.runId());
        RunProgress progress = runs.computeIfAbsent(key, k -> new RunProgress(store.contiguousSequence(k.host(), k.runId())));
        List<CheckedResult> fresh = new ArrayList<>();
        List<Long> spooledAt = new ArrayList<>();
        RunEnd end = null;
        for (ParsedReport p : part) {
            if (p.result() != null && !progress.stored(p.result().sequence())) {
                fresh.add(p.checked());
                spooledAt.add(p.spooledAtMs());
            } else if (p.end() != null) {
                end = p.end();
            }
        }
        return new Part(job, key, first, progress, fresh, spooledAt, end);
    }

    /** After the commit: progress, fleet, the run's end; returns the part's ack. */
    private Ack committed(Part p) {
        String host = p.key().host();
        String runId = p.key().runId();
        if (!p.fresh().isEmpty()) {
            p.progress().committed(p.fresh().stream().map(c -> c.result().sequence()).toList());
            stats.stored(p.freshSpooledAtMs());
            for (CheckedResult c : p.fresh()) {
                fleet.resultStored(host, runId, c.result());
            }
        }
        boolean finished = false;
        if (p.end() != null) {
            if (store.finishRun(host, runId, p.first().header(), p.end())) {
                fleet.runFinished(host, runId, outcome(p.end()));
            }
            finished = true;
            runs.remove(p.key());
        }
        return Ack.newBuilder().setRunId(runId).setContiguousSequence(p.progress().contiguous()).setFinished(finished)
                .build();
    }

    private static Status statusOf(RuntimeException e) {
        if (e instanceof ResultConflictException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage() + "; nothing of this batch was stored");
        }
        // The store is unreachable or broken: the agent replays after reconnecting.
        return Status.UNAVAILABLE.withDescription("cannot store results now: " + ParsedReport.rootMessage(e));
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
