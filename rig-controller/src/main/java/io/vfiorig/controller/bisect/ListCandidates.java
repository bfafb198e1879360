package io.vfiorig.controller.bisect;

import io.vfiorig.controller.compare.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binary search over prebuilt kernels, oldest first: the first bad one after the last good one.
 * A skipped kernel is stepped around (the nearest untested one to the middle is tried instead),
 * as {@code git bisect skip} does.
 */
final class ListCandidates implements Candidates {
    private final List<String> kernels;
    private final Set<Integer> skipped = new HashSet<>();
    private int good;
    private int bad;

    ListCandidates(List<String> kernels, String goodEntry, String badEntry) {
        this.kernels = List.copyOf(kernels);
        this.good = index(goodEntry, "--good");
        this.bad = index(badEntry, "--bad");
        if (good >= bad) {
            throw new IllegalArgumentException("--good " + goodEntry + " must come before --bad " + badEntry
                    + " in the kernel list (oldest first)");
        }
    }

    private int index(String entry, String option) {
        int i = kernels.indexOf(entry);
        if (i < 0) {
            throw new IllegalArgumentException(option + " " + entry + " is not in the kernel list; use one of its lines: "
                    + kernels);
        }
        return i;
    }

    void replay(List<StepRecord> done) {
        for (StepRecord s : done) {
            if (s.role().equals(StepRecord.BISECT)) {
                mark(s.rev(), s.verdict());
            }
        }
    }

    @Override
    public Optional<String> next() {
        if (bad - good <= 1) {
            return Optional.empty();
        }
        int mid = (good + bad) / 2;
        for (int d = 0; d < bad - good; d++) {
            for (int i : new int[] {mid - d, mid + d}) {
                if (i > good && i < bad && !skipped.contains(i)) {
                    return Optional.of(kernels.get(i));
                }
            }
        }
        return Optional.empty(); // only skipped kernels left
    }

    @Override
    public void mark(String rev, Verdict v) {
        int i = kernels.indexOf(rev);
        switch (v) {
            case GOOD -> good = Math.max(good, i);
            case BAD -> bad = Math.min(bad, i);
            default -> skipped.add(i);
        }
    }

    @Override
    public List<String> culprits() {
        if (next().isPresent()) {
            return List.of();
        }
        List<String> c = new ArrayList<>();
        for (int i = good + 1; i <= bad; i++) {
            c.add(kernels.get(i));
        }
        return c;
    }

    @Override
    public String previous(String rev) {
        int i = kernels.indexOf(rev);
        return i > 0 ? kernels.get(i - 1) : null;
    }

    @Override
    public String label(String rev) {
        return rev;
    }

    @Override
    public void finish() {
        // nothing to restore
    }
}
