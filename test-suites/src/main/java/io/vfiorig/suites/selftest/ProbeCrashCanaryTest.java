package io.vfiorig.suites.selftest;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.suites.Devices;
import io.vfiorig.suites.SuiteSettings;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.testng.Assert;
import org.testng.annotations.Test;

/**
 * Self-test of the rig's crash handling, only in the {@code selftest-crash} suite: deliberately
 * does what {@link io.vfiorig.agent.access.DeviceAccess} exists to prevent (a C2-compiled
 * {@code long += seg.get(JAVA_INT, ...)} loop, i.e. a sign-extending load, over a mapping that is
 * then revoked), which aborts the probe JVM. The supervisor must report an infrastructure error
 * and keep every earlier result.
 */
public class ProbeCrashCanaryTest {
    @Test(dataProvider = "devices", dataProviderClass = Devices.class)
    public void abortProbeOnSignExtendingLoad(DeviceSpec spec, SuiteSettings settings) {
        try (DeviceUnderTest device = DeviceBackends.open(spec)) {
            MemorySegment bar = device.primaryBar().memory();
            long sum = 0;
            for (int i = 0; i < 30_000; i++) {
                sum += sumAsLong(bar);
            }
            device.revoke();
            for (int i = 0; i < 1_000; i++) {
                try {
                    sum += sumAsLong(bar);
                } catch (InternalError expected) {
                    // the interpreter/C1 path: keep going until the C2 code runs
                }
            }
            Assert.fail("the probe JVM survived a SIGBUS on a sign-extending load (sum " + sum
                    + "); this JDK may have fixed the crash the rig guards against");
        }
    }

    private static long sumAsLong(MemorySegment bar) {
        long sum = 0;
        for (long off = 0; off < 4096; off += 4) {
            sum += bar.get(ValueLayout.JAVA_INT, off);
        }
        return sum;
    }
}
