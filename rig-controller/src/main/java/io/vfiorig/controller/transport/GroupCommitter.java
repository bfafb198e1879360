package io.vfiorig.controller.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Collects the batches all streams have ready and commits them together: under load, one
 * transaction (one fsync) stores many agents' results. Each stream has at most one batch here at a
 * time, so its order holds with several committer threads.
 */
final class GroupCommitter implements AutoCloseable {
    private static final int MAX_REPORTS = 8192;

    private final ReportIngest ingest;
    private final LinkedBlockingQueue<ReportIngest.Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    GroupCommitter(ReportIngest ingest, int threads) {
        this.ingest = ingest;
        for (int i = 0; i < threads; i++) {
            this.threads.add(Thread.ofPlatform().name("group-commit-" + i).daemon().start(this::loop));
        }
    }

    void submit(ReportIngest.Job job) {
        queue.add(job);
    }

    private void loop() {
        while (true) {
            List<ReportIngest.Job> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            int reports = group.getFirst().reports().size();
            ReportIngest.Job next;
            while (reports < MAX_REPORTS && (next = queue.poll()) != null) {
                group.add(next);
                reports += next.reports().size();
            }
            ingest.commit(group);
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
