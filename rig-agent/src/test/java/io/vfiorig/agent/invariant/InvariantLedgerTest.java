package io.vfiorig.agent.invariant;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

public class InvariantLedgerTest {
    private static Map<String, InvariantOutcome> byId(InvariantLedger l) {
        return l.outcomes().stream().collect(Collectors.toMap(InvariantOutcome::invariant, Function.identity()));
    }

    @Test
    public void unexercisedIsSkipExercisedIsPassViolatedIsFail() {
        InvariantLedger l = new InvariantLedger();
        l.exercised(Invariant.DATA_CORRECT, "3 restores verified");
        l.exercised(Invariant.NO_ACCESS_WHILE_REVOKED, "checked");
        l.violate(Invariant.NO_ACCESS_WHILE_REVOKED, Evidence.of("read succeeded while revoked"));
        Map<String, InvariantOutcome> o = byId(l);
        assertEquals(o.get("data-correct-after-restore").status(), InvariantOutcome.Status.PASS);
        assertEquals(o.get("fault-size-as-expected").status(), InvariantOutcome.Status.SKIP);
        InvariantOutcome fail = o.get("no-access-while-revoked");
        assertEquals(fail.status(), InvariantOutcome.Status.FAIL, "a violation wins over 'exercised'");
        assertTrue(fail.summary().contains("read succeeded while revoked"), fail.summary());
        assertEquals(l.totalViolations(), 1);
    }

    @Test
    public void evidenceIsCappedButEveryViolationCounted() {
        InvariantLedger l = new InvariantLedger();
        for (int i = 0; i < 10_000; i++) {
            l.violate(Invariant.ACCESS_RESTORED, Evidence.of("sigbus " + i));
        }
        InvariantOutcome o = byId(l).get("access-restored-after-restore");
        assertEquals(o.violations(), 10_000);
        assertEquals(o.evidence().size(), 5);
    }
}
