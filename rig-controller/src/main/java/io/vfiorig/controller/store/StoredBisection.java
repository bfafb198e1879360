package io.vfiorig.controller.store;

import java.util.List;

/**
 * A finished bisection as the store keeps it (the bisect package builds it from its state).
 *
 * @param id            {@code mode:good..bad:suite:target}: storing the same bisection again replaces it
 * @param mode          {@code git} or {@code kernels}
 * @param tree          the kernel tree, or {@code null}
 * @param good          good end
 * @param bad           bad end
 * @param suite         suite
 * @param target        target
 * @param status        {@code done} or {@code failed}
 * @param culprit       the first bad commit or kernel, or {@code null}
 * @param culpritLabel  its subject, or {@code null}
 * @param lastGood      its good neighbour, or {@code null}
 * @param message       the one-line outcome
 * @param kernelsTested distinct kernels tested, verification included
 * @param bisectLog     as {@code git bisect log} prints it
 * @param resultJson    the whole final state as JSON (evidence included)
 * @param steps         the kernels tested, in order
 */
public record StoredBisection(String id, String mode, String tree, String good, String bad, String suite, String target,
        String status, String culprit, String culpritLabel, String lastGood, String message, long kernelsTested,
        String bisectLog, String resultJson, List<Step> steps) {

    /** One tested kernel. {@code runIds} is a JSON array. */
    public record Step(int ordinal, String role, String rev, String label, String verdict, String reason, String runIds,
            long infraFailures) {}

    public StoredBisection {
        steps = List.copyOf(steps);
    }
}
