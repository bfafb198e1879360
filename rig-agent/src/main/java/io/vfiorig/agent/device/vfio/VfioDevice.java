package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real vfio-pci device: opened through the group/container or the iommufd cdev API, its
 * mmap-able BARs mapped aligned with MADV_HUGEPAGE, revoked by clearing PCI_COMMAND.MEMORY through
 * the config region and restored by setting it again; reset is VFIO_DEVICE_RESET.
 *
 * <p>Spec: {@value VfioOptions#USAGE}. The device must already be bound to vfio-pci.
 */
public final class VfioDevice implements DeviceUnderTest {
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    private final String name;
    private final PciDevice pci;
    private final VfioHandle handle;
    private final RegionQuery.Info info;
    private final List<Region> regions;
    private final List<MappedBar> mapped;
    private final MappedBar primary;
    private final ConfigSpace config;
    private final DeviceProfile profile;
    private final String release;
    private final ThpMode thp;
    private final boolean memoryWasOff;
    private final List<FeatureSupport> dmaBuf;
    private final DmaBufSeriesFeatures series;
    private final Optional<KernelLogWatcher> kmsg;
    private final AtomicBoolean fdsReleased = new AtomicBoolean();
    private final AtomicBoolean unmapped = new AtomicBoolean();

    /** Opens the device named by {@code spec}; every failure is a {@link VfioOpenException} with a fix. */
    public VfioDevice(DeviceSpec spec) {
        this(spec, new PciSysfs(), new VfioNodes(), new FdHolders());
    }

    VfioDevice(DeviceSpec spec, PciSysfs sysfs, VfioNodes nodes, FdHolders holders) {
        VfioOptions opts = VfioOptions.parse(spec);
        this.name = spec.text();
        this.release = readKernelRelease();
        this.thp = ThpMode.current();
        this.pci = sysfs.find(opts.bdf()).orElseThrow(() -> VfioErrors.noSuchDevice(opts.bdf()));
        if (!"vfio-pci".equals(pci.driver())) {
            throw VfioErrors.notBound(pci);
        }
        // from before the open: opening and mapping are kernel paths under test too
        this.kmsg = KernelLogWatcher.start();
        VfioApi api = nodes.pick(pci.bdf(), opts.api());
        VfioHandle opened;
        try {
            opened = api == VfioApi.CDEV ? CdevOpener.open(pci, nodes, holders, release)
                    : GroupOpener.open(pci, nodes, sysfs, holders, release);
        } catch (RuntimeException e) {
            kmsg.ifPresent(KernelLogWatcher::close);
            throw e;
        }
        this.handle = opened;
        List<MappedBar> maps = new ArrayList<>();
        try {
            int fd = handle.device().with("query the device", f -> f);
            this.info = RegionQuery.deviceInfo(fd);
            this.regions = queryRegions(fd, info.numRegions());
            Region cfg = regions.stream().filter(r -> r.index() == VfioConst.VFIO_PCI_CONFIG_REGION_INDEX).findFirst()
                    .orElseThrow(() -> new VfioOpenException("vfio " + pci.bdf() + ": no CONFIG region (index 7)"));
            this.config = new ConfigSpace(handle.device(), cfg);
            // vfio-pci virtualises PCI_COMMAND: memory decode must be on for the BAR to be usable
            this.memoryWasOff = (config.update16(VfioConst.PCI_COMMAND, VfioConst.PCI_COMMAND_MEMORY, true)
                    & VfioConst.PCI_COMMAND_MEMORY) == 0;
            VfioProfiles.Choice choice = VfioProfiles.forPciId(pci.vendor(), pci.device());
            this.profile = choice.profile();
            for (Region r : regions) {
                if (r.mappable()) {
                    maps.add(MappedBar.map(fd, r));
                }
            }
            this.mapped = List.copyOf(maps);
            this.primary = pickPrimary(opts.bar().orElse(choice.primaryBar()));
            this.series = opts.seriesFor(release);
            this.dmaBuf = DmaBufFeatureProbe.probe(handle.device(), release, series);
        } catch (RuntimeException e) {
            maps.forEach(MappedBar::unmap);
            handle.close();
            kmsg.ifPresent(KernelLogWatcher::close);
            if (e instanceof NativeCallException n) {
                String node = handle.facts().getOrDefault("vfio.cdev", handle.facts().getOrDefault("vfio.group_node", "/dev/vfio"));
                throw VfioErrors.callFailed(pci.bdf(), handle.api(), "set up the opened device", n, node, List.of());
            }
            throw e;
        }
    }

    /** Checks a spec without touching the system. */
    public static void validate(DeviceSpec spec) {
        VfioOptions.parse(spec);
    }

    private List<Region> queryRegions(int fd, int numRegions) {
        List<Region> out = new ArrayList<>();
        // only the fixed vfio-pci regions; device-specific ones (9+) are not BARs
        for (int i = 0; i < Math.min(numRegions, VfioConst.VFIO_PCI_NUM_REGIONS); i++) {
            try {
                out.add(RegionQuery.region(fd, i));
            } catch (NativeCallException e) {
                if (i != VfioConst.VFIO_PCI_VGA_REGION_INDEX) { // VGA: EINVAL on non-VGA devices
                    throw e;
                }
            }
        }
        return out;
    }

    private MappedBar pickPrimary(int wanted) {
        if (wanted >= 0) {
            return mapped.stream().filter(m -> m.bar().index() == wanted).findFirst()
                    .orElseThrow(() -> new VfioOpenException("vfio " + pci.bdf() + ": BAR" + wanted
                            + " is not mmap-able (mapped: " + barList() + "); fix: pick another with bar=N"));
        }
        return mapped.stream().max((a, b) -> Long.compare(a.bar().size(), b.bar().size()))
                .orElseThrow(() -> new VfioOpenException("vfio " + pci.bdf() + ": no mmap-able BAR"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String backend() {
        return "vfio";
    }

    /** How the device was opened: group, cdev or noiommu. */
    public VfioApi api() {
        return handle.api();
    }

    @Override
    public DeviceProfile profile() {
        return profile;
    }

    @Override
    public Bar primaryBar() {
        return primary.bar();
    }

    @Override
    public List<Bar> bars() {
        return mapped.stream().map(MappedBar::bar).toList();
    }

    /** Clears PCI_COMMAND.MEMORY: the kernel must zap the BAR mappings and SIGBUS every access. */
    @Override
    public void revoke() {
        config.update16(VfioConst.PCI_COMMAND, VfioConst.PCI_COMMAND_MEMORY, false);
    }

    /** Sets PCI_COMMAND.MEMORY again: accesses must fault in and work. */
    @Override
    public void restore() {
        config.update16(VfioConst.PCI_COMMAND, VfioConst.PCI_COMMAND_MEMORY, true);
    }

    @Override
    public void reset() {
        if (!info.canReset()) {
            throw new IllegalStateException("vfio " + pci.bdf() + ": VFIO_DEVICE_GET_INFO has no RESET flag (reset_method: "
                    + String.join(" ", pci.resetMethods()) + "); the device cannot be reset through VFIO");
        }
        handle.device().with("VFIO_DEVICE_RESET", fd -> Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_RESET));
    }

    /**
     * Remaps the whole BAR in place (MADV_DONTNEED fails on VM_PFNMAP): every page faults again.
     */
    @Override
    public void zap(Bar bar, long offset, long length) {
        MappedBar m = mapped.stream().filter(x -> x.bar().index() == bar.index()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("BAR" + bar.index() + " is not mapped"));
        handle.device().with("remap BAR" + bar.index(), fd -> {
            m.remap(fd);
            return null;
        });
    }

    @Override
    public void closeDeviceFd() {
        handle.device().close();
    }

    @Override
    public FaultExpectation faultExpectation(Bar bar) {
        return faultExpectation(bar, thp);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kernel", release);
        f.put("vfio.api", handle.api().id());
        f.put("pci.bdf", pci.bdf());
        f.put("pci.id", VfioProfiles.bare(pci.vendor()) + ":" + VfioProfiles.bare(pci.device()));
        f.put("pci.reset_method", String.join(" ", pci.resetMethods()));
        f.putAll(handle.facts());
        f.put("vfio.device_flags", "0x" + Integer.toHexString(info.flags()));
        f.put("vfio.config_offset", "0x" + Long.toHexString(config.base()));
        f.put("bars", barList());
        f.put("primary_bar", Integer.toString(primary.bar().index()));
        f.put("thp", thp.id());
        f.put("madv_hugepage", mapped.stream().map(m -> "BAR" + m.bar().index() + "=" + (m.madvised() ? "ok" : m.madviseError()))
                .reduce((a, b) -> a + " " + b).orElse(""));
        if (memoryWasOff) {
            f.put("pci.command_memory_at_open", "off (turned on by the rig)");
        }
        for (FeatureSupport s : dmaBuf) {
            f.put("feature." + s.name().toLowerCase(java.util.Locale.ROOT), s.describe());
        }
        f.putAll(kernelLogFacts());
        return f;
    }

    /** VFIO_DEVICE_FEATURE_PROBE answers for DMA_BUF and the series' features (probed at open). */
    public List<FeatureSupport> dmaBufFeatures() {
        return dmaBuf;
    }

    /** The DMABUF-mmap series' feature ids probed for this kernel (and where they came from). */
    public DmaBufSeriesFeatures seriesFeatures() {
        return series;
    }

    /** The PCI address, e.g. {@code 0000:01:00.0}. */
    public String bdf() {
        return pci.bdf();
    }

    /** sysfs {@code reset_method}, space separated (e.g. {@code bus}). */
    public String resetMethods() {
        return String.join(" ", pci.resetMethods());
    }

    /** {@code uname -r} of the kernel the device runs on. */
    public String kernelRelease() {
        return release;
    }

    /** The device fd (for the DMA_BUF and hot-reset steps the suites drive themselves). */
    public DeviceFd deviceFd() {
        return handle.device();
    }

    /** The fds VFIO_DEVICE_PCI_HOT_RESET wants: the group fd on the group API, none on cdev. */
    public int[] hotResetGroupFds() {
        return handle.api() == VfioApi.CDEV || handle.keepers().isEmpty() ? new int[0]
                : new int[] {handle.keepers().getFirst()};
    }

    /**
     * VFIO_DEVICE_PCI_HOT_RESET: a bus reset of every device in this device's set (the group fd on
     * the group API, an empty list on cdev).
     *
     * @throws NativeCallException with the errno (EINVAL: a member of the set is not owned by the caller)
     */
    public void hotReset() {
        handle.device().with("VFIO_DEVICE_PCI_HOT_RESET", fd -> {
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                return Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_PCI_HOT_RESET, "VFIO_DEVICE_PCI_HOT_RESET",
                        io.vfiorig.vfio.uapi.HotReset.allocate(arena, hotResetGroupFds()));
            }
        });
    }

    /** The file offset of a BAR's region ({@code region_info.offset}), for mapping it again. */
    public long regionOffset(int barIndex) {
        return regions.stream().filter(r -> r.index() == barIndex).findFirst().map(Region::offset)
                .orElseThrow(() -> new IllegalArgumentException("vfio " + pci.bdf() + ": no region " + barIndex));
    }

    /** The BAR's bus address from sysfs, or -1 when unknown. */
    public long barPhysical(int barIndex) {
        return pci.bar(barIndex).map(PciDevice.PciBar::start).orElse(-1L);
    }

    /** The fault expectation for {@code bar} as if THP were set to {@code mode} (the huge-fault order test switches it). */
    public FaultExpectation faultExpectation(Bar bar, ThpMode mode) {
        MappedBar m = mapped.stream().filter(x -> x.bar().index() == bar.index()).findFirst().orElse(primary);
        boolean ram = profile.ramLike() && m == primary;
        return VfioFaultExpectation.of(bar.size(), bar.memory().address(), barPhysical(bar.index()), mode, m.madvised(),
                VfioFaultExpectation.kernelHasHugePfnmap(release, System.getProperty("os.arch")), ram);
    }

    /**
     * Closes every fd of the device (device, group and container, or iommufd) while the BARs stay
     * mapped: only the mappings hold the device open now. {@link #close()} then only unmaps.
     */
    public void releaseFds() {
        if (fdsReleased.compareAndSet(false, true)) {
            handle.close();
        }
    }

    /** Unmaps every BAR (after {@link #releaseFds()}: the last user goes, the kernel closes the device). */
    public void unmapBars() {
        if (unmapped.compareAndSet(false, true)) {
            mapped.forEach(MappedBar::unmap);
        }
    }

    /**
     * What the kernel reported in {@code /dev/kmsg} since this device was opened (WARN, BUG, Oops,
     * lockdep, sleeping in atomic context, hung task, soft lockup); empty when nothing, or when the
     * log cannot be read ({@link #describe()} says which).
     */
    public List<KernelLogFinding> kernelLogFindings() {
        return kmsg.map(KernelLogWatcher::findings).orElse(List.of());
    }

    private Map<String, String> kernelLogFacts() {
        Map<String, String> f = new LinkedHashMap<>();
        if (kmsg.isEmpty()) {
            f.put("kernel_log", "not watched: " + KernelLogWatcher.KMSG + " is not readable (run as root)");
            return f;
        }
        List<KernelLogFinding> found = kmsg.get().findings();
        long lost = kmsg.get().lostRecords();
        f.put("kernel_log", found.isEmpty() ? "clean (" + kmsg.get().recordCount() + " records since open"
                + (lost > 0 ? ", " + lost + " overwritten unread" : "") + ")" : found.size() + " finding(s): "
                + String.join("; ", found.stream().map(x -> x.kind() + ": " + x.line()).toList()));
        for (int i = 0; i < Math.min(found.size(), 5); i++) {
            f.put("kernel_log." + (i + 1), found.get(i).text());
        }
        return f;
    }

    @Override
    public void close() {
        unmapBars();
        releaseFds();
        kmsg.ifPresent(KernelLogWatcher::close);
    }

    private String barList() {
        StringBuilder sb = new StringBuilder();
        for (Region r : regions) {
            if (r.isBar() && r.size() > 0) {
                sb.append(sb.isEmpty() ? "" : " ").append("BAR").append(r.index()).append('=')
                        .append(VfioFaultExpectation.size(r.size()))
                        .append(r.has(VfioConst.VFIO_REGION_INFO_FLAG_MMAP) ? "" : "(no mmap)")
                        .append(r.queries() > 1 ? "(caps " + r.capabilities() + ")" : "");
            }
        }
        return sb.toString();
    }

    private static String readKernelRelease() {
        try {
            return Files.readString(OSRELEASE).strip();
        } catch (IOException e) {
            return Optional.ofNullable(System.getProperty("os.version")).orElse("unknown");
        }
    }
}
