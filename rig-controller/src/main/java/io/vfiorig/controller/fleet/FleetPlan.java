package io.vfiorig.controller.fleet;

import io.vfiorig.controller.inventory.EmulatedDevice;
import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.inventory.HostDevice;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.KernelSource;
import io.vfiorig.controller.inventory.SimulatedDevice;
import io.vfiorig.controller.inventory.Target;
import io.vfiorig.controller.inventory.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the inventory lets the fleet book: every device of every host, virtual host and simulated
 * device, with the suites it allows; and how schedule targets resolve to them.
 */
public final class FleetPlan {
    /** The host name of the controller's own agent, which runs simulated devices and unplaced virtual hosts. */
    public static final String LOCAL_HOST = "local";
    static final String VFIO_PREFIX = "vfio:";

    private final Inventory inventory;
    private final List<Bookable> all;

    public FleetPlan(Inventory inventory) {
        this.inventory = inventory;
        List<Bookable> out = new ArrayList<>();
        for (Host h : inventory.hosts()) {
            for (HostDevice d : h.devices()) {
                String bdf = d.bdf().toString();
                out.add(new Bookable(h.name(), VFIO_PREFIX + bdf, d.label(), "vfio", d.expect().toString(), d.suites(),
                        "bdf:" + bdf, ""));
            }
        }
        for (VirtualHost vm : inventory.virtualHosts()) {
            for (EmulatedDevice d : vm.devices()) {
                out.add(new Bookable(vm.runsOn().orElse(LOCAL_HOST), "vm:" + d.spec(), vm.name() + "/" + d.spec(), "vm",
                        d.pciId(), vm.suites(), "vm:" + vm.name(), kernelArgument(vm.kernel())));
            }
        }
        for (SimulatedDevice s : inventory.simulated()) {
            out.add(new Bookable(LOCAL_HOST, s.device(), s.device(), "sim", "sim", s.suites(), s.device(), ""));
        }
        this.all = List.copyOf(out);
    }

    public Inventory inventory() {
        return inventory;
    }

    public List<Bookable> all() {
        return all;
    }

    public boolean knowsHost(String host) {
        return all.stream().anyMatch(b -> b.host().equals(host)) || inventory.host(host).isPresent();
    }

    public List<Bookable> onHost(String host) {
        return all.stream().filter(b -> b.host().equals(host)).toList();
    }

    /** A device of {@code host} by spec, label, or (for a real device) bare PCI address. */
    public Optional<Bookable> find(String host, String device) {
        return onHost(host).stream()
                .filter(b -> b.device().equals(device) || b.label().equals(device) || b.bdf().equals(device))
                .findFirst();
    }

    /** The devices a nightly target names that allow {@code suite}. */
    public List<Bookable> resolve(Target target, String suite) {
        List<Bookable> named = switch (target) {
            case Target.OnHost h -> all.stream().filter(b -> b.host().equals(h.name()) && b.backend().equals("vfio")).toList();
            case Target.OnDevice d -> all.stream().filter(b -> b.backend().equals("vfio") && b.label().equals(d.label())).toList();
            case Target.OnVirtualHost v -> all.stream().filter(b -> b.label().startsWith(v.name() + "/")).toList();
            case Target.OnSimulated s -> all.stream().filter(b -> b.backend().equals("sim") && b.device().equals(s.spec())).toList();
        };
        return named.stream().filter(b -> b.allows(suite)).toList();
    }

    /** The kernel as the agent's {@code rig run --kernel} takes it: {@code debian:VERSION} or a bzImage path. */
    static String kernelArgument(KernelSource k) {
        return k instanceof KernelSource.BzImage b ? b.path().toString() : k.spec();
    }

    /** The guest kernel the devices of an order need: that of their virtual host, or empty. */
    public String kernelOf(String host, List<String> devices) {
        return devices.stream().flatMap(d -> find(host, d).stream()).map(Bookable::kernel).filter(k -> !k.isEmpty())
                .findFirst().orElse("");
    }
}
