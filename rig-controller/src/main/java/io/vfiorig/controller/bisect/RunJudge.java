package io.vfiorig.controller.bisect;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.InvariantChange;
import io.vfiorig.controller.compare.MetricComparison;
import io.vfiorig.controller.compare.TestComparison;
import io.vfiorig.controller.compare.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads one run for the bisection: was it an infrastructure failure, what did it violate, why is it bad. */
final class RunJudge {
    private RunJudge() {}

    /** @return why this run says nothing about the kernel, or {@code null} when it does */
    static String infrastructureProblem(RunResults r) {
        if (!r.infrastructureErrors().isEmpty()) {
            var e = r.infrastructureErrors().getFirst();
            return e.kind() + ": " + e.message();
        }
        if (r.tests().isEmpty()) {
            return "the run reported no tests";
        }
        return r.tests().stream().filter(t -> t.status() == TestStatus.ERROR).findFirst()
                .map(t -> "test " + t.test() + " errored: " + t.message()).orElse(null);
    }

    /** @return the violated invariants as {@code test: invariant}, empty when none */
    static List<String> violations(RunResults r) {
        List<String> out = new ArrayList<>();
        for (TestResult t : r.tests()) {
            t.brokenInvariants().forEach(i -> out.add(shortName(t.test()) + ": " + i));
        }
        return out;
    }

    /** @return the evidence for a bad verdict in one line: violated invariants, else the largest bad shift */
    static String badBecause(Comparison c) {
        List<String> parts = new ArrayList<>();
        MetricComparison worst = null;
        String worstTest = null;
        for (TestComparison t : c.testsWith(Verdict.BAD)) {
            for (InvariantChange i : t.invariants()) {
                if (i.verdict() == Verdict.BAD) {
                    parts.add(shortName(t.test()) + " violates " + i.invariant());
                }
            }
            for (MetricComparison m : t.metrics()) {
                if (m.verdict() == Verdict.BAD && (worst == null || m.shift().low() > worst.shift().low())) {
                    worst = m;
                    worstTest = t.test();
                }
            }
        }
        if (worst != null) {
            parts.add(String.format(Locale.ROOT, "%s %s %+.1f%% (CI %+.1f%%..%+.1f%%)", shortName(worstTest), worst.metric(),
                    worst.shift().relative() * 100, worst.shift().low() * 100, worst.shift().high() * 100));
        }
        return parts.isEmpty() ? "bad" : String.join("; ", parts.subList(0, Math.min(3, parts.size())));
    }

    static String shortName(String testId) {
        int dot = testId.lastIndexOf('.', testId.lastIndexOf('.') - 1);
        return dot < 0 ? testId : testId.substring(dot + 1);
    }
}
