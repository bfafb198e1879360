package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which devices the rig may take.
 *
 * @param allowed  devices the operator allowed (command line {@code --allow} or the inventory's host
 *                 devices); a device not listed is refused, always
 * @param forced   devices to bind even though their IOMMU group has something in use ({@code --force})
 * @param expected per device, the {@code vendor:device} it must report (the inventory's {@code expect}):
 *                 a mismatch means the address now names another card, and is refused
 */
public record BindPolicy(Set<String> allowed, Set<String> forced, Map<String, String> expected) {
    public BindPolicy {
        allowed = normalise(allowed);
        forced = normalise(forced);
        Map<String, String> e = new LinkedHashMap<>();
        expected.forEach((bdf, id) -> e.put(PciDevice.requireBdf(bdf), id.toLowerCase(java.util.Locale.ROOT)));
        expected = Map.copyOf(e);
    }

    public BindPolicy(Set<String> allowed, Set<String> forced) {
        this(allowed, forced, Map.of());
    }

    public static BindPolicy allowing(Set<String> allowed) {
        return new BindPolicy(allowed, Set.of());
    }

    private static Set<String> normalise(Set<String> bdfs) {
        return bdfs.stream().map(PciDevice::requireBdf).collect(Collectors.toUnmodifiableSet());
    }
}
