package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A suite the lab can run: a built-in one or a custom one that runs a built-in suite's XML with
 * another duration scale (e.g. a weekend soak of nightly).
 *
 * @param name          unique name
 * @param base          the built-in suite it runs (itself for a built-in)
 * @param durationScale multiplies every test's duration ({@code rig run --duration-scale})
 * @param description   what it is for
 */
public record Suite(String name, String base, double durationScale, Optional<String> description) {
    /** The suites every lab has without declaring them. */
    public static final List<String> BUILT_IN = List.of("smoke", "nightly");

    /** Devices that do not list their suites allow these. */
    public static final List<String> DEFAULT_ALLOWED = BUILT_IN;

    /** True for the suites every lab has. */
    public boolean builtIn() {
        return BUILT_IN.contains(name);
    }

    static Suite builtIn(String name) {
        return new Suite(name, name, 1.0, Optional.empty());
    }
}
