package io.vfiorig.controller.compare;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What must be equal for two runs to be compared: a sim's latencies say nothing about an edu
 * device's, and a laptop's nothing about a lab server's.
 *
 * @param deviceModel {@code sim}, or the PCI {@code vendor:device} of the device
 * @param backend     {@code sim}, {@code vfio}
 * @param hostClass   the host's class, or {@code null} when not classified (then only equal hosts match)
 */
public record Platform(String deviceModel, String backend, String hostClass) {

    /**
     * The platform of a {@code results.json}: backend from its tests, device model {@code sim} for
     * the sim and the tests' {@code pci.id} fact otherwise.
     *
     * @param hostClass the host class if known, else {@code null}
     */
    public static Platform of(RunResults r, String hostClass) {
        String backend = r.tests().stream().map(TestResult::backend).filter(Objects::nonNull).findFirst()
                .orElse(r.device().startsWith("sim") ? "sim" : "unknown");
        String model = "sim".equals(backend) ? "sim" : r.tests().stream()
                .map(t -> t.facts() == null ? null : t.facts().get("pci.id")).filter(Objects::nonNull).findFirst()
                .orElse("unknown");
        return new Platform(model, backend, hostClass);
    }

    /** @return why runs on {@code other} cannot be compared with runs on this, empty when they can */
    public List<String> mismatches(Platform other) {
        List<String> why = new ArrayList<>();
        if (!deviceModel.equals(other.deviceModel)) {
            why.add("device model " + deviceModel + " vs " + other.deviceModel);
        }
        if (!backend.equals(other.backend)) {
            why.add("backend " + backend + " vs " + other.backend);
        }
        if (!Objects.equals(hostClass, other.hostClass)) {
            why.add("host class " + hostClass + " vs " + other.hostClass);
        }
        return why;
    }

    @Override
    public String toString() {
        return deviceModel + "/" + backend + (hostClass == null ? "" : "/" + hostClass);
    }
}
