package io.vfiorig.uplink;

import io.vfiorig.proto.Report;

/**
 * What an acknowledgement refers to: a result (run, sequence) or a run's end (run, {@link #FINISHED}).
 */
record ReportKey(String runId, long sequence) {
    static final long FINISHED = Long.MAX_VALUE;

    static ReportKey of(Report r) {
        return new ReportKey(r.getRunId(), r.hasFinished() ? FINISHED : r.getResult().getSequence());
    }

    boolean finished() {
        return sequence == FINISHED;
    }
}
