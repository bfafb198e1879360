package io.vfiorig.agent.engine;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.expectThrows;

import java.util.Arrays;
import org.testng.annotations.Test;

public class AccessPatternTest {
    @Test
    public void sequentialWalksEveryPageInOrder() {
        long[] off = AccessPattern.SEQUENTIAL.offsets(8192, 8192 + 4 * 4096, 1);
        assertEquals(off, new long[] {8192, 12288, 16384, 20480});
    }

    @Test
    public void randomIsAPermutationOfTheSamePages() {
        long[] seq = AccessPattern.SEQUENTIAL.offsets(0, 1 << 20, 1);
        long[] rnd = AccessPattern.RANDOM.offsets(0, 1 << 20, 7);
        assertNotEquals(rnd, seq, "random order must differ from sequential");
        long[] sorted = rnd.clone();
        Arrays.sort(sorted);
        assertEquals(sorted, seq);
    }

    @Test
    public void twoMegStrideTouchesOnePagePerPmd() {
        assertEquals(AccessPattern.STRIDE_2M.offsets(0, 8L << 20, 1), new long[] {0, 2L << 20, 4L << 20, 6L << 20});
    }

    @Test
    public void parseAcceptsIdsAndRejectsUnknownWithTheChoices() {
        assertEquals(AccessPattern.parse("2m"), AccessPattern.STRIDE_2M);
        assertEquals(AccessPattern.parse("RANDOM"), AccessPattern.RANDOM);
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> AccessPattern.parse("zigzag"));
        assertEquals(e.getMessage(), "unknown access pattern 'zigzag'; known: seq, random, 2m");
    }
}
