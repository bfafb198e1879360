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
}
