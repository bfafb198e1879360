package io.vfiorig.controller.store;

import io.vfiorig.agent.result.Environment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Environment} as name/value facts (the {@code environment} table), named as in
 * results.json. Name/value rows let a later rig add facts without a migration.
 */
final class EnvironmentFacts {
    private EnvironmentFacts() {}

    static Map<String, String> of(Environment e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", e.host());
        m.put("kernelRelease", e.kernelRelease());
        m.put("kernelVersion", e.kernelVersion());
        m.put("arch", e.arch());
        m.put("cpus", Integer.toString(e.cpus()));
        m.put("javaVersion", e.javaVersion());
        m.put("rigVersion", e.rigVersion());
        return m;
    }

    static Environment from(Map<String, String> m) {
        String cpus = m.get("cpus");
        return new Environment(m.get("host"), m.get("kernelRelease"), m.get("kernelVersion"), m.get("arch"),
                cpus == null ? 0 : Integer.parseInt(cpus), m.get("javaVersion"), m.get("rigVersion"));
    }
}
