package io.vfiorig.controller.fleet;

import java.util.List;

/**
 * An order for one agent: run {@code suite} on the leased {@code devices} (device specs as
 * {@code rig run --device} takes them) and report under {@code runId}.
 *
 * @param reason why the run exists: {@code nightly}, {@code submit} or {@code health-check}
 * @param kernel for {@code vm:} devices the kernel their guest boots ({@code rig run --kernel}); empty otherwise
 */
public record RunOrder(String runId, String host, String suite, List<String> devices, String reason, String kernel) {
    public RunOrder {
        devices = List.copyOf(devices);
    }
}
