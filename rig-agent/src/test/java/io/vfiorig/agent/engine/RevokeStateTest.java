package io.vfiorig.agent.engine;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

public class RevokeStateTest {
    @Test
    public void snapshotsCarryEpochAndPhase() {
        RevokeState s = new RevokeState();
        long a = s.snapshot();
        assertEquals(RevokeState.phase(a), Phase.ACTIVE);
        assertEquals(RevokeState.epoch(a), 0);
        s.enter(Phase.REVOKING, "revoke");
        s.enter(Phase.REVOKED, "revoked");
        long b = s.snapshot();
        assertEquals(RevokeState.phase(b), Phase.REVOKED);
        assertEquals(RevokeState.epoch(b), 2);
        assertTrue(s.lastRevokeStart() > 0);
        assertEquals(s.lastRestoreStart(), 0);
        s.enter(Phase.RESTORING, "restore");
        assertTrue(s.lastRestoreStart() >= s.lastRevokeStart());
        assertEquals(s.transitions().size(), 4);
        assertEquals(s.transitions().get(3).cause(), "restore");
        assertTrue(s.epochStart(2) >= s.epochStart(1));
    }

    @Test
    public void firstOutcomeOfACycleIsTheEarliestNoted() {
        RevokeState s = new RevokeState();
        s.enter(Phase.REVOKING, "revoke");
        RevokeState.Transition revoke = s.lastRevoke();
        s.enter(Phase.REVOKED, "revoked");
        s.noteFirstOutcome(revoke, revoke.nanos() + 5_000);
        s.noteFirstOutcome(revoke, revoke.nanos() + 3_000); // a thread that was slower to report
        s.noteFirstOutcome(revoke, revoke.nanos() + 9_000);
        s.enter(Phase.RESTORING, "restore");
        RevokeState.Transition noted = s.transitions().get(1);
        assertEquals(noted.phase(), Phase.REVOKING);
        assertEquals(noted.firstOutcomeNanos() - noted.nanos(), 3_000);
        assertEquals(s.transitions().get(3).firstOutcomeNanos(), 0, "no access succeeded after this restore yet");
    }
}
