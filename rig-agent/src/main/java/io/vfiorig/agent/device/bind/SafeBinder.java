package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.agent.device.vfio.FdHolders;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves devices to vfio-pci and back, never losing track of where they came from.
 *
 * <p>State machine per device (docs/binding.md): ORIGINAL → (checked: allowed, group not in use)
 * → JOURNALED (original driver and driver_override on disk, fsync'd) → OVERRIDDEN
 * ({@code driver_override=vfio-pci}) → UNBOUND → BOUND (drivers_probe picked vfio-pci). Restore
 * walks back: override set to the original, unbind from vfio-pci, bind the original driver, drop
 * the journal line. A process killed anywhere after JOURNALED leaves the line behind; the next
 * binder ({@link #bind}) or {@code rig restore} finishes the walk back.
 */
public final class SafeBinder {
    public static final String VFIO_PCI = "vfio-pci";

    private final PciSysfs sysfs;
    private final BindJournal journal;
    private final GroupUsage usage;
    private final DriverControl control;
    private final FdHolders holders;

    /**
     * @param sysfs    the sysfs to read and write (a fake tree in tests)
     * @param procRoot the procfs to read mounts, swaps, routes and open files from
     * @param journal  the state file
     * @param net      addresses of network interfaces
     */
    public SafeBinder(PciSysfs sysfs, Path procRoot, BindJournal journal, NetAddresses net) {
        this.sysfs = sysfs;
        this.journal = journal;
        this.usage = new GroupUsage(sysfs, procRoot, net);
        this.control = new DriverControl(sysfs);
        this.holders = new FdHolders(procRoot);
    }

    /** The real /sys and /proc with the journal at {@code stateFile}. */
    public static SafeBinder forHost(Path stateFile) {
        return new SafeBinder(new PciSysfs(), Path.of("/proc"), new BindJournal(stateFile), NetAddresses.system());
    }

    public BindJournal journal() {
        return journal;
    }

    /**
     * Why each device may not be taken; empty when all may. Changes nothing.
     */
    public List<Refusal> check(List<String> bdfs, BindPolicy policy) throws IOException {
        List<Refusal> out = new ArrayList<>();
        for (String raw : bdfs) {
            String bdf = PciDevice.requireBdf(raw);
            if (!policy.allowed().contains(bdf)) {
                out.add(new Refusal(bdf, "not in the allow-list " + policy.allowed(), "add --allow " + bdf
                        + " or list it under hosts[].devices in the inventory", false));
                continue;
            }
            Optional<PciDevice> d = sysfs.find(bdf);
            if (d.isEmpty()) {
                out.add(new Refusal(bdf, "no such PCI device in " + sysfs.root().resolve("bus/pci/devices"),
                        "check the address with lspci -D", false));
                continue;
            }
            String id = hex(d.get().vendor()) + ":" + hex(d.get().device());
            String want = policy.expected().get(bdf);
            if (want != null && !want.equals(id)) {
                out.add(new Refusal(bdf, "reports " + id + " but the inventory expects " + want,
                        "check the address with lspci -Dnn (cards move when hardware changes) and fix the inventory", false));
                continue;
            }
            Optional<JournalEntry> owned = journal.find(bdf);
            if (owned.isPresent() && owned.get().ownerAlive() && owned.get().ownerPid() != ProcessHandle.current().pid()) {
                out.add(new Refusal(bdf, "already taken by rig pid " + owned.get().ownerPid() + " since " + owned.get().since(),
                        "wait for that run to end", false));
                continue;
            }
            if (policy.forced().contains(bdf)) {
                continue;
            }
            for (String member : groupOf(d.get())) {
                Optional<PciDevice> m = sysfs.find(member);
                for (String why : m.isPresent() ? usage.inUse(m.get()) : List.<String>of()) {
                    String where = member.equals(bdf) ? "" : " (same IOMMU group " + d.get().iommuGroup() + ")";
                    out.add(new Refusal(bdf, why + where, "free it first (umount, swapoff, ip addr flush) or, if you are"
                            + " sure, pass --force " + bdf, true));
                }
            }
        }
        return out;
    }

    /**
     * Restores what crashed rigs left behind, checks every device, journals, then binds each to
     * vfio-pci. All or nothing: a refusal changes nothing, a failure part-way restores what was done.
     *
     * @return the session; closing it (or SIGTERM) restores the devices
     * @throws BindRefusedException listing every refusal
     */
    public BindSession bind(List<String> bdfs, BindPolicy policy) throws BindRefusedException, IOException {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(bdfs.stream().map(PciDevice::requireBdf).toList()));
        List<String> bound = new ArrayList<>();
        List<RestoreOutcome> recovered;
        try (BindJournal.Lock l = journal.lock()) {
            recovered = restore(journal.read().stream().filter(e -> !e.ownerAlive()).toList());
            List<Refusal> refusals = check(wanted, policy);
            if (!refusals.isEmpty()) {
                throw new BindRefusedException(refusals);
            }
            for (String bdf : wanted) {
                try {
                    if (bindOne(sysfs.find(bdf).orElseThrow())) {
                        bound.add(bdf);
                    }
                } catch (IOException | RuntimeException e) {
                    bound.add(bdf);
                    List<RestoreOutcome> back = restoreMine(bound);
                    throw new IOException("binding " + bdf + " to vfio-pci failed: " + e.getMessage() + "; put back: " + back, e);
                }
            }
        }
        return new BindSession(this, bound, recovered);
    }

    /**
     * {@code rig restore}: puts back every journaled device whose rig is gone. Devices of a rig that
     * still runs are left to it (it restores them when it ends) unless {@code evenIfOwnerRuns}.
     */
    public List<RestoreOutcome> restoreAll(boolean evenIfOwnerRuns) throws IOException {
        try (BindJournal.Lock l = journal.lock()) {
            List<RestoreOutcome> out = new ArrayList<>();
            List<JournalEntry> todo = new ArrayList<>();
            for (JournalEntry e : journal.read()) {
                if (e.ownerAlive() && !evenIfOwnerRuns && e.ownerPid() != ProcessHandle.current().pid()) {
                    out.add(new RestoreOutcome(e.bdf(), false, "left alone: rig pid " + e.ownerPid()
                            + " still runs and restores it when it ends (stop it, or pass --even-if-running)"));
                } else {
                    todo.add(e);
                }
            }
            out.addAll(restore(todo));
            return out;
        }
    }

    /** Restores this process's own devices (end of a session). */
    List<RestoreOutcome> restoreMine(List<String> bdfs) throws IOException {
        try (BindJournal.Lock l = journal.lock()) {
            return restore(journal.read().stream().filter(e -> bdfs.contains(e.bdf())).toList());
        }
    }

    /** @return true when the device moved (and so must be restored) */
    private boolean bindOne(PciDevice d) throws IOException {
        if (d.driver().equals(VFIO_PCI)) {
            return false; // someone else put it there; not ours to give back
        }
        journal.record(JournalEntry.ownedByMe(d)); // durable before the first write to sysfs
        control.setOverride(d.bdf(), VFIO_PCI);
        control.unbind(d.bdf());
        control.probe(d.bdf());
        String now = control.awaitDriver(d.bdf(), VFIO_PCI);
        if (!now.equals(VFIO_PCI)) {
            throw new IOException(d.bdf() + " is on '" + (now.isEmpty() ? "no driver" : now)
                    + "' after drivers_probe, not vfio-pci (is vfio-pci loaded? modprobe vfio-pci)");
        }
        return true;
    }

    private List<RestoreOutcome> restore(List<JournalEntry> entries) throws IOException {
        List<RestoreOutcome> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            out.add(restoreOne(e));
        }
        return out;
    }

    private RestoreOutcome restoreOne(JournalEntry e) throws IOException {
        Optional<PciDevice> d = sysfs.find(e.bdf());
        if (d.isEmpty()) {
            journal.forget(e.bdf());
            return new RestoreOutcome(e.bdf(), true, "gone from the bus; journal line dropped");
        }
        String driver = d.get().driver();
        if (driver.equals(VFIO_PCI)) {
            List<FdHolders.Holder> held = holders.of(vfioNodes(d.get()));
            if (!held.isEmpty()) {
                return new RestoreOutcome(e.bdf(), false, "still open (" + held.getFirst() + "): unbinding would block;"
                        + " stop that process, then run rig restore");
            }
        }
        try {
            control.setOverride(e.bdf(), e.override());
            if (!driver.equals(e.driver())) {
                control.unbind(e.bdf());
                if (!e.driver().isEmpty()) {
                    control.bindTo(e.bdf(), e.driver());
                }
            }
        } catch (IOException x) {
            return new RestoreOutcome(e.bdf(), false, "could not restore " + e.original() + ": " + x.getMessage()
                    + "; the journal keeps the line for rig restore");
        }
        String now = control.awaitDriver(e.bdf(), e.driver());
        if (!now.equals(e.driver())) {
            return new RestoreOutcome(e.bdf(), false, "wanted " + e.original() + " back but it is on "
                    + (now.isEmpty() ? "no driver" : now) + "; the journal keeps the line for rig restore");
        }
        journal.forget(e.bdf());
        return new RestoreOutcome(e.bdf(), true, "back on " + e.original() + (driver.equals(e.driver()) ? " (was already)" : ""));
    }

    /** The device nodes through which a process can hold the device: group, noiommu group, cdev. */
    private Set<Path> vfioNodes(PciDevice d) {
        Set<Path> nodes = new LinkedHashSet<>();
        if (d.iommuGroup() >= 0) {
            nodes.add(Path.of("/dev/vfio/" + d.iommuGroup()));
            nodes.add(Path.of("/dev/vfio/noiommu-" + d.iommuGroup()));
        }
        Path cdevs = sysfs.deviceDir(d.bdf()).resolve("vfio-dev");
        if (Files.isDirectory(cdevs)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(cdevs)) {
                for (Path p : s) {
                    nodes.add(Path.of("/dev/vfio/devices/" + p.getFileName()));
                }
            } catch (IOException ignored) {
                // no cdev listed: the group nodes are checked
            }
        }
        return nodes;
    }

    private static String hex(String sysfsId) {
        return sysfsId.startsWith("0x") ? sysfsId.substring(2) : sysfsId;
    }

    private List<String> groupOf(PciDevice d) {
        List<String> members = sysfs.iommuGroupMembers(d.iommuGroup());
        return members.isEmpty() ? List.of(d.bdf()) : members;
    }
}
