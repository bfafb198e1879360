package io.vfiorig.suites;

import io.vfiorig.agent.engine.AccessPattern;
import io.vfiorig.agent.engine.HammerConfig;
import java.time.Duration;
import org.testng.ITestContext;

/**
 * Per-suite knobs from the suite XML's parameters, overridable with system properties
 * ({@code rig.threads}, {@code rig.duration.scale}, {@code rig.pattern}) given to the probe.
 *
 * @param durationScale multiplies every scenario's base duration (smoke 1, nightly more)
 * @param threads       hammer threads (0 = one per CPU)
 * @param pattern       access pattern
 */
public record SuiteSettings(double durationScale, int threads, AccessPattern pattern) {

    static SuiteSettings from(ITestContext ctx) {
        String scale = pick("rig.duration.scale", ctx, "duration-scale", "1");
        String threads = pick("rig.threads", ctx, "threads", "0");
        String pattern = pick("rig.pattern", ctx, "pattern", "seq");
        return new SuiteSettings(Double.parseDouble(scale), Integer.parseInt(threads), AccessPattern.parse(pattern));
    }

    /** A hammer configuration for a scenario whose smoke duration is {@code base}. */
    public HammerConfig hammer(Duration base) {
        HammerConfig c = HammerConfig.defaults().withPattern(pattern).withDuration(base).scaled(durationScale);
        return threads > 0 ? c.withThreads(threads) : c;
    }

    private static String pick(String property, ITestContext ctx, String parameter, String fallback) {
        String p = System.getProperty(property);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String v = ctx == null ? null : ctx.getCurrentXmlTest().getParameter(parameter);
        return v == null ? fallback : v;
    }

    @Override
    public String toString() {
        return "x" + durationScale + "," + pattern.id();
    }
}
