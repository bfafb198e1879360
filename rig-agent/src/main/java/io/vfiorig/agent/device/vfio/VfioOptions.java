package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A {@code vfio:BDF[,api=group|cdev][,bar=N][,revoke-feature=N,memattr-feature=M]} spec, checked.
 *
 * @param bdf    the device's PCI address, lower case
 * @param api    the API asked for; empty = pick (cdev when the kernel offers it, else group)
 * @param bar    the BAR to hammer instead of the device profile's; empty = the profile's
 * @param series the DMABUF-mmap series' feature ids to probe; empty = by kernel release
 *               ({@link DmaBufSeriesFeatures#forKernel})
 */
public record VfioOptions(String bdf, Optional<VfioApi> api, OptionalInt bar, Optional<DmaBufSeriesFeatures> series) {
    /** Usage line for {@code DeviceBackends.KNOWN} and error messages. */
    public static final String USAGE = "vfio:BDF[,api=group|cdev][,bar=N][,revoke-feature=N,memattr-feature=M]";
    private static final Set<String> KEYS = Set.of(DeviceSpec.TARGET, "api", "bar", "revoke-feature", "memattr-feature");

    /**
     * Parses and validates without touching the system.
     *
     * @throws IllegalArgumentException naming the bad part and the expected form
     */
    public static VfioOptions parse(DeviceSpec spec) {
        for (String key : spec.options().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("device '" + spec.text() + "': unknown vfio option '" + key
                        + "'; use " + USAGE);
            }
        }
        String target = spec.options().get(DeviceSpec.TARGET);
        if (target == null) {
            throw new IllegalArgumentException("device '" + spec.text() + "': no PCI address; use " + USAGE
                    + ", e.g. vfio:0000:01:00.0");
        }
        String bdf;
        try {
            bdf = PciDevice.requireBdf(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device '" + spec.text() + "': " + e.getMessage(), e);
        }
        Optional<VfioApi> api = Optional.ofNullable(spec.options().get("api")).map(a -> {
            try {
                return VfioApi.requestable(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device '" + spec.text() + "': " + e.getMessage(), e);
            }
        });
        return new VfioOptions(bdf, api, parseBar(spec), parseSeries(spec));
    }

    /** The series' ids for this kernel: the override if given, else by release. */
    public DmaBufSeriesFeatures seriesFor(String release) {
        return series.orElseGet(() -> DmaBufSeriesFeatures.forKernel(release));
    }

    private static Optional<DmaBufSeriesFeatures> parseSeries(DeviceSpec spec) {
        String revoke = spec.options().get("revoke-feature");
        String memattr = spec.options().get("memattr-feature");
        if (revoke == null && memattr == null) {
            return Optional.empty();
        }
        if (revoke == null || memattr == null) {
            throw new IllegalArgumentException("device '" + spec.text() + "': give both revoke-feature and memattr-feature"
                    + " (the DMABUF-mmap series' ids, e.g. 14 and 15 on 7.3)");
        }
        try {
            return Optional.of(DmaBufSeriesFeatures.of(Integer.parseInt(revoke.strip()), Integer.parseInt(memattr.strip())));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("device '" + spec.text() + "': " + e.getMessage(), e);
        }
    }

    private static OptionalInt parseBar(DeviceSpec spec) {
        String b = spec.options().get("bar");
        if (b == null) {
            return OptionalInt.empty();
        }
        try {
            int bar = Integer.parseInt(b.strip());
            if (bar >= 0 && bar <= 5) {
                return OptionalInt.of(bar);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("device '" + spec.text() + "': bar=" + b + " is not a BAR number 0..5");
    }
}
