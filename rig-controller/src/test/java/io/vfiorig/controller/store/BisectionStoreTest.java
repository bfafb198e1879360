package io.vfiorig.controller.store;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.store.StoreBackends.Backend;
import java.util.List;
import org.testng.annotations.Test;

/** Bisections (migration V4) on both databases: stored whole, read back equal, replaced by id. */
public class BisectionStoreTest {
    private static StoredBisection bisection(String culprit) {
        return new StoredBisection("git:aaaa..bbbb:smoke:vm:edu", "git", "/src/linux", "aaaa", "bbbb", "smoke", "vm:edu",
                "done", culprit, "mm: fault path takes the lock twice", "aaaa", "first bad: " + culprit, 5,
                "git bisect start 'bbbb' 'aaaa'\n", "{\"status\":\"done\"}",
                List.of(new StoredBisection.Step(0, "verify-good", "aaaa", "v7.2", "good", "no invariant violated", "[\"r1\"]", 0),
                        new StoredBisection.Step(1, "verify-bad", "bbbb", "v7.3", "bad", "p99 +60%", "[\"r2\",\"r3\"]", 1)));
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aBisectionIsStoredAndReplacedWhole(Backend b) {
        try (ResultStore store = ResultStore.open(b.newUrl())) {
            store.storeBisection(bisection("cccc"));
            assertEquals(store.bisection("git:aaaa..bbbb:smoke:vm:edu").orElseThrow(), bisection("cccc"));
            store.storeBisection(bisection("dddd"));
            assertEquals(store.bisection("git:aaaa..bbbb:smoke:vm:edu").orElseThrow().culprit(), "dddd");
            assertTrue(store.bisection("nope").isEmpty());
        }
    }
}
