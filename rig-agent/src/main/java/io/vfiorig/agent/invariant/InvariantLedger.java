package io.vfiorig.agent.invariant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects violations from many threads during a test: counts every one, keeps the first few as
 * evidence (so a bug that fires a million times does not fill the heap), and remembers which
 * invariants were actually exercised so that an unexercised one is a SKIP, never a silent PASS.
 */
public final class InvariantLedger {
    private static final int MAX_EVIDENCE = 5;

    private final Map<Invariant, AtomicLong> counts = new EnumMap<>(Invariant.class);
    private final Map<Invariant, List<Evidence>> evidence = new EnumMap<>(Invariant.class);
    private final Map<Invariant, String> checked = new EnumMap<>(Invariant.class);
    private final AtomicLong total = new AtomicLong();

    public InvariantLedger() {
        for (Invariant inv : Invariant.values()) {
            counts.put(inv, new AtomicLong());
            evidence.put(inv, new ArrayList<>());
        }
    }

    /** Records a violation; cheap after the first few. */
    public void violate(Invariant inv, Evidence e) {
        total.incrementAndGet();
        if (counts.get(inv).getAndIncrement() < MAX_EVIDENCE) {
            List<Evidence> list = evidence.get(inv);
            synchronized (list) {
                if (list.size() < MAX_EVIDENCE) {
                    list.add(e);
                }
            }
        }
    }

    /** Marks an invariant as exercised, with a line saying how. */
    public synchronized void exercised(Invariant inv, String how) {
        checked.put(inv, how);
    }

    public long totalViolations() {
        return total.get();
    }

    public long violations(Invariant inv) {
        return counts.get(inv).get();
    }

    /** Outcomes for every invariant, in declaration order. */
    public synchronized List<InvariantOutcome> outcomes() {
        List<InvariantOutcome> out = new ArrayList<>();
        for (Invariant inv : Invariant.values()) {
            long n = counts.get(inv).get();
            List<Evidence> ev;
            List<Evidence> list = evidence.get(inv);
            synchronized (list) {
                ev = List.copyOf(list);
            }
            if (n > 0) {
                String first = ev.isEmpty() ? "" : ": " + ev.getFirst().detail();
                out.add(new InvariantOutcome(inv.id(), InvariantOutcome.Status.FAIL, n,
                        n + " violation(s) of '" + inv.description() + "'" + first, ev));
            } else if (checked.containsKey(inv)) {
                out.add(new InvariantOutcome(inv.id(), InvariantOutcome.Status.PASS, 0, checked.get(inv), ev));
            } else {
                out.add(new InvariantOutcome(inv.id(), InvariantOutcome.Status.SKIP, 0,
                        "not exercised by this test", List.of()));
            }
        }
        return out;
    }
}
