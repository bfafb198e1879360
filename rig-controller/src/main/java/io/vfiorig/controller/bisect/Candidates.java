package io.vfiorig.controller.bisect;

import io.vfiorig.controller.compare.Verdict;
import java.util.List;
import java.util.Optional;

/** Chooses the next kernel to test from what was marked so far: git bisect, or a binary search over a list. */
interface Candidates {
    /** @return the next kernel to test, or empty when the bisection has converged */
    Optional<String> next() throws InfraFailure, InterruptedException;

    /** Records a tested kernel's verdict (good, bad or skip). */
    void mark(String rev, Verdict v) throws InfraFailure, InterruptedException;

    /** @return the first bad kernel once converged; several when skipped kernels hide which one it is */
    List<String> culprits();

    /** @return the kernel just before {@code rev}, the one its evidence is compared with */
    String previous(String rev) throws InfraFailure, InterruptedException;

    /** @return a one-line name: the commit's subject, or the kernel itself */
    String label(String rev) throws InfraFailure, InterruptedException;

    /** Leaves the tree as it was before the bisection (git) or does nothing. */
    void finish() throws InterruptedException;
}
