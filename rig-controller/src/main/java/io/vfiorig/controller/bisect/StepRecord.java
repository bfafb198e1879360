package io.vfiorig.controller.bisect;

import io.vfiorig.controller.compare.Verdict;
import java.util.List;

/**
 * One kernel the bisection tested, as saved in the state file.
 *
 * @param role         {@link #VERIFY_GOOD}, {@link #VERIFY_BAD} or {@link #BISECT}
 * @param rev          the full commit id (git) or the list entry (kernels)
 * @param label        the commit's subject line, or the kernel's name
 * @param verdict      good, bad or skip (never weak: weak after the last repeat is skip)
 * @param reason       why, in one line
 * @param runs         output directories of the runs of this kernel that produced results
 * @param infraFailures what went wrong with builds, boots and runs that were retried
 */
public record StepRecord(String role, String rev, String label, Verdict verdict, String reason, List<String> runs,
        List<String> infraFailures) {
    public static final String VERIFY_GOOD = "verify-good";
    public static final String VERIFY_BAD = "verify-bad";
    public static final String BISECT = "bisect";

    public StepRecord {
        runs = List.copyOf(runs);
        infraFailures = List.copyOf(infraFailures);
    }
}
