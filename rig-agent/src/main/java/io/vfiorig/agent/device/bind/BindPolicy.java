package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which devices the rig may take.
 *
 * @param allowed devices the operator allowed (command line {@code --allow} or the inventory's host
 *                devices); a device not listed is refused, always
 * @param forced  devices to bind even though their IOMMU group has something in use ({@code --force})
 */
public record BindPolicy(Set<String> allowed, Set<String> forced) {
    public BindPolicy {
        allowed = normalise(allowed);
        forced = normalise(forced);
    }

    public static BindPolicy allowing(Set<String> allowed) {
        return new BindPolicy(allowed, Set.of());
    }

    private static Set<String> normalise(Set<String> bdfs) {
        return bdfs.stream().map(PciDevice::requireBdf).collect(Collectors.toUnmodifiableSet());
    }
}
