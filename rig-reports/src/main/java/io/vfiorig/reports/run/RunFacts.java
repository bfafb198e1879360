package io.vfiorig.reports.run;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-safe views of a run's results, shared by the sections (older files may lack fields). */
final class RunFacts {
    /** The run's overall verdict, worst first. */
    enum Verdict {
        VIOLATIONS("violations", "bad"), INFRA("infrastructure error", "infra"), PASSED("passed", "good");

        private final String word;
        private final String cssClass;

        Verdict(String word, String cssClass) {
            this.word = word;
            this.cssClass = cssClass;
        }

        String word() {
            return word;
        }

        String cssClass() {
            return cssClass;
        }
    }

    private RunFacts() {}

    static List<TestResult> tests(RunResults r) {
        return r.tests() == null ? List.of() : r.tests();
    }

    static List<InfraError> infraErrors(RunResults r) {
        return r.infrastructureErrors() == null ? List.of() : r.infrastructureErrors();
    }

    static List<InfraError> infraErrorsDuring(RunResults r, TestResult t) {
        return infraErrors(r).stream().filter(e -> t.test() != null && t.test().equals(e.duringTest())).toList();
    }

    static Verdict verdict(RunResults r) {
        if (tests(r).stream().anyMatch(t -> t.status() == TestStatus.FAIL)) {
            return Verdict.VIOLATIONS;
        }
        if (!infraErrors(r).isEmpty() || tests(r).stream().anyMatch(t -> t.status() == null || t.status() == TestStatus.ERROR)) {
            return Verdict.INFRA;
        }
        return Verdict.PASSED;
    }

    static long count(RunResults r, TestStatus status) {
        return tests(r).stream().filter(t -> t.status() == status).count();
    }

    static Optional<HistogramSummary> latency(TestResult t, String metric) {
        return t.latencies() == null ? Optional.empty()
                : t.latencies().stream().filter(h -> h != null && metric.equals(h.metric()) && h.count() > 0).findFirst();
    }

    static String counter(TestResult t, String name) {
        Map<String, Long> c = t.counters();
        Long v = c == null ? null : c.get(name);
        return v == null ? "–" : String.format(java.util.Locale.ROOT, "%,d", v);
    }

    /** {@code Class.method} → {@code method}. */
    static String method(String test) {
        String t = test == null ? "" : test;
        return t.substring(t.lastIndexOf('.') + 1);
    }

    static String duration(RunResults r) {
        if (r.startedAt() == null || r.finishedAt() == null) {
            return "–";
        }
        try {
            Duration d = Duration.between(Instant.parse(r.startedAt()), Instant.parse(r.finishedAt()));
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        } catch (DateTimeParseException e) {
            return "–";
        }
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }
}
