package io.vfiorig.controller.regress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

/** Change points on synthetic nightly series: noise, a step, a step and its fix, one wild night. */
public class ChangePointsTest {
    private static final ChangePoints DETECTOR = new ChangePoints(0.05, 0.10, 3);

    /** Log-normal noise (about 8 % per night) around {@code level}. */
    private static double[] nights(Random rnd, double... levels) {
        double[] x = new double[levels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[i] * Math.exp(0.08 * rnd.nextGaussian());
        }
        return x;
    }

    private static double[] levels(int n, double before, int at, double after) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = i < at ? before : after;
        }
        return l;
    }

    @Test
    public void noiseAloneHasNoChange() {
        for (int seed = 0; seed < 20; seed++) {
            List<ChangePoints.Change> c = DETECTOR.detect(nights(new Random(seed), levels(40, 100, 40, 100)));
            assertEquals(c, List.of(), "seed " + seed);
        }
    }

    @Test
    public void aStepIsFoundAtItsFirstNight() {
        for (int seed = 0; seed < 20; seed++) {
            List<ChangePoints.Change> c = DETECTOR.detect(nights(new Random(seed), levels(40, 100, 23, 140)));
            assertEquals(c.size(), 1, "seed " + seed + ": " + c);
            assertEquals(c.getFirst().index(), 23, "seed " + seed);
            assertEquals(c.getFirst().relativeShift(), 0.4, 0.1);
        }
    }

    @Test
    public void oneWildNightIsNoChange() {
        double[] x = nights(new Random(7), levels(30, 100, 30, 100));
        x[15] = 900; // a lab glitch, or a single unlucky run
        assertEquals(DETECTOR.detect(x), List.of());
    }

    @Test
    public void aStepBelowTheThresholdIsIgnored() {
        double[] x = nights(new Random(3), levels(60, 100, 30, 104));
        assertTrue(DETECTOR.detect(x).isEmpty(), "4 % is below the 10 % that matters");
    }
}
