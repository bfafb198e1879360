package io.vfiorig.agent.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of one hammer implementation in one mode: what the C hammer prints as its JSON line and
 * what {@link JavaHammer} returns. Written to JSON in snake_case ({@code faults_per_sec}, ...).
 *
 * @param impl                   {@code "java"} or {@code "c"}
 * @param mode                   {@code "fault"}, {@code "steady"} or {@code "untimed"} (see {@link HammerMode})
 * @param threads                hammer threads, one disjoint page-aligned slice each
 * @param faults                 minor faults taken by the hammer threads during the run
 *                               (getrusage(RUSAGE_THREAD) deltas, summed)
 * @param seconds                wall time from releasing the threads to the last one leaving its loop
 * @param faultsPerSec           {@code faults / seconds}
 * @param cpuSeconds             user + system CPU time of the hammer threads during the run
 * @param faultsPerCpuSec        {@code faults / cpuSeconds}: less disturbed by other load on the host
 * @param touches                accesses made (one 32-bit word per page)
 * @param nsPerAccess            per-thread loop time divided by accesses: everything the loop costs per
 *                               access (madvise share, stop check, clocks, histogram, the access)
 * @param meanTouchNs            mean of the timed intervals (clock before to clock after), 0 when untimed
 * @param minNs                  shortest timed interval, 0 when untimed
 * @param maxNs                  longest timed interval, 0 when untimed
 * @param p50Ns                  median timed interval (HDR, 3 significant digits), 0 when untimed
 * @param p99Ns                  99th percentile timed interval, 0 when untimed
 * @param involuntaryCtxSwitches involuntary context switches of the hammer threads (noise indicator)
 */
public record ModeResult(String impl, String mode, int threads, long faults, double seconds, double faultsPerSec,
        double cpuSeconds, double faultsPerCpuSec, long touches, double nsPerAccess, double meanTouchNs, long minNs,
        long maxNs, long p50Ns, long p99Ns, long involuntaryCtxSwitches) {

    /**
     * @return CPU time of the hammer threads per access in ns: like {@link #nsPerAccess()} but
     *     without the time the threads spent descheduled (other load on the host)
     */
    @JsonProperty("cpu_ns_per_access")
    public double cpuNsPerAccess() {
        return touches == 0 ? 0 : cpuSeconds * 1e9 / touches;
    }

    /** @return minor faults per access; about 1 in fault mode, about 0 in the steady modes */
    @JsonProperty("faults_per_touch")
    public double faultsPerTouch() {
        return touches == 0 ? 0 : (double) faults / touches;
    }

    /**
     * Parses the one JSON line the C hammer prints.
     *
     * @param line the line
     * @param json a parsed {@code line}
     * @return the result
     * @throws IllegalStateException if a field is missing
     */
    static ModeResult fromCJson(String line, JsonNode json) {
        return new ModeResult(text(line, json, "impl"), text(line, json, "mode"), (int) number(line, json, "threads"),
                (long) number(line, json, "faults"), number(line, json, "seconds"),
                number(line, json, "faults_per_sec"), number(line, json, "cpu_seconds"),
                number(line, json, "faults_per_cpu_sec"), (long) number(line, json, "touches"),
                number(line, json, "ns_per_access"), number(line, json, "mean_touch_ns"),
                (long) number(line, json, "min_ns"), (long) number(line, json, "max_ns"),
                (long) number(line, json, "p50_ns"), (long) number(line, json, "p99_ns"),
                (long) number(line, json, "involuntary_ctx_switches"));
    }

    private static String text(String line, JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalStateException("C hammer output has no text field '" + field + "': " + line);
        }
        return n.asText();
    }

    private static double number(String line, JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isNumber()) {
            throw new IllegalStateException("C hammer output has no number field '" + field + "': " + line);
        }
        return n.asDouble();
    }
}
