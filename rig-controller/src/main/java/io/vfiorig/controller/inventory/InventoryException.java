package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An inventory that must not be used. Carries every problem found, not just the first, so one edit
 * round fixes them all. The message lists them one per line.
 */
public final class InventoryException extends Exception {
    private final List<Problem> problems;

    /** @param problems at least one problem, in file order */
    public InventoryException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InventoryException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, sorted by line and column. */
    public List<Problem> problems() {
        return problems;
    }
}
