package io.vfiorig.controller.transport;

import java.util.List;
import java.util.TreeSet;

/**
 * The stored prefix of one run's results, kept in memory so an ack costs no query: starts from the
 * store's contiguous sequence and moves as results are committed. Results stored out of order wait
 * in {@link #above} until the gap closes.
 */
final class RunProgress {
    private long contiguous;
    private final TreeSet<Long> above = new TreeSet<>();

    RunProgress(long contiguous) {
        this.contiguous = contiguous;
    }

    /** @return whether {@code sequence} is known to be stored already (a replay) */
    synchronized boolean stored(long sequence) {
        return sequence <= contiguous || above.contains(sequence);
    }

    /** Notes committed sequences. */
    synchronized void committed(List<Long> sequences) {
        for (long s : sequences) {
            if (s > contiguous) {
                above.add(s);
            }
        }
        while (above.remove(contiguous + 1)) {
            contiguous++;
        }
    }

    synchronized long contiguous() {
        return contiguous;
    }
}
