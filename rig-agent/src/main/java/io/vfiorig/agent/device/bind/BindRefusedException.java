package io.vfiorig.agent.device.bind;

import java.util.List;
import java.util.stream.Collectors;

/** The rig refused to bind: nothing was changed. Lists every reason, one per line. */
public final class BindRefusedException extends Exception {
    private final transient List<Refusal> refusals;

    public BindRefusedException(List<Refusal> refusals) {
        super("refused to bind to vfio-pci (nothing was changed):\n" + refusals.stream().map(r -> "  " + r)
                .collect(Collectors.joining("\n")));
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
