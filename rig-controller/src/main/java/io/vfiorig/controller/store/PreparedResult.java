package io.vfiorig.controller.store;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A result checked and put in the form the store reads back: null lists and maps become empty,
 * the histograms' base64 is decoded once (to {@link #hdr}) and re-encoded canonically, so a replay
 * compares equal to what is stored however the agent's encoder wrapped its base64.
 *
 * The JSON columns are written here too: this runs on the transport's many ingest threads, the
 * store's writer is one thread.
 *
 * @param result   the canonical result
 * @param hdr      the decoded histogram of each of {@code result.latencies()}, same order
 * @param columns  the result's JSON columns as the store writes them
 */
record PreparedResult(TestResult result, List<byte[]> hdr, Columns columns) {
    /** The JSON text of the timeline, counters and facts, and each invariant's evidence (same order). */
    record Columns(String timeline, String counters, String facts, List<String> evidence) {
        static Columns of(TestResult r) {
            return new Columns(JsonColumns.timeline(r.timeline()), JsonColumns.counters(r.counters()),
                    JsonColumns.facts(r.facts()), r.invariants().stream().map(o -> JsonColumns.evidence(o.evidence())).toList());
        }
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static PreparedResult of(TestResult r) {
        if (r == null) {
            throw new IllegalArgumentException("result is missing");
        }
        String where = "result " + r.sequence() + " (" + r.test() + ")";
        if (r.sequence() < 0) {
            throw new IllegalArgumentException(where + ": sequence must be 0 or more");
        }
        require(r.test(), where, "test");
        require(r.suite(), where, "suite");
        require(r.device(), where, "device");
        require(r.backend(), where, "backend");
        if (r.status() == null) {
            throw new IllegalArgumentException(where + ": status is missing");
        }
        List<InvariantOutcome> invariants = new ArrayList<>();
        for (InvariantOutcome o : orEmpty(r.invariants())) {
            require(o.invariant(), where, "invariant id");
            if (o.status() == null) {
                throw new IllegalArgumentException(where + ": invariant " + o.invariant() + " has no status");
            }
            invariants.add(new InvariantOutcome(o.invariant(), o.status(), o.violations(), o.summary(),
                    orEmpty(o.evidence())));
        }
        List<HistogramSummary> latencies = new ArrayList<>();
        List<byte[]> hdr = new ArrayList<>();
        Set<String> metrics = new HashSet<>();
        for (HistogramSummary h : orEmpty(r.latencies())) {
            require(h.metric(), where, "latency metric");
            require(h.unit(), where, "unit of " + h.metric());
            if (!metrics.add(h.metric())) {
                throw new IllegalArgumentException(where + ": latency metric " + h.metric() + " appears twice");
            }
            byte[] bytes = decode(h.hdr(), where + ": hdr of " + h.metric());
            hdr.add(bytes);
            latencies.add(new HistogramSummary(h.metric(), h.unit(), h.count(), h.min(), h.p50(), h.p90(), h.p99(),
                    h.p999(), h.max(), h.mean(), Base64.getEncoder().encodeToString(bytes)));
        }
        TestResult canonical = new TestResult(r.sequence(), r.suite(), r.test(), r.device(), r.backend(), r.status(),
                r.durationMs(), r.message(), List.copyOf(invariants), List.copyOf(latencies), ordered(r.counters()),
                orEmpty(r.timeline()), ordered(r.facts()));
        return new PreparedResult(canonical, List.copyOf(hdr), Columns.of(canonical));
    }

    private static byte[] decode(String base64, String what) {
        if (base64 == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            // Line-wrapped base64 is fine too; canonical re-encoding makes replays compare equal.
            return Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    private static void require(String value, String where, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + field + " is missing");
        }
    }
}
