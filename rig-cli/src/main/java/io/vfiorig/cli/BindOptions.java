package io.vfiorig.cli;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.bind.BindJournal;
import io.vfiorig.agent.device.bind.BindPolicy;
import io.vfiorig.agent.device.bind.BindRefusedException;
import io.vfiorig.agent.device.bind.BindSession;
import io.vfiorig.agent.device.bind.RestoreOutcome;
import io.vfiorig.agent.device.bind.SafeBinder;
import io.vfiorig.agent.device.vfio.VfioOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code rig run --bind ...}: safe binding of vfio: devices around a run (docs/binding.md). */
final class BindOptions {
    @Option(names = "--bind", description = "Bind the vfio:BDF devices to vfio-pci for the run and put them back on their"
            + " own drivers afterwards (also on SIGTERM; after a crash: rig restore or the next --bind). See docs/binding.md.")
    boolean bind;

    @Option(names = "--allow", paramLabel = "BDF", description = "A device --bind may take (repeatable). Devices not"
            + " allowed here or in --inventory are refused.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE", description = "Allow this host's devices from the lab inventory"
            + " (and check each reports the vendor:device the inventory expects).")
    Path inventory;

    /** This machine's name in --inventory (null: its host name); set by the command that owns {@code --host}. */
    String host;

    @Option(names = "--force", paramLabel = "BDF", description = "Bind BDF even though its IOMMU group has something in use"
            + " (mounted file system, NIC with an address or route, boot display). Repeatable.")
    List<String> force = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE", defaultValue = "/run/vfio-rig/bindings",
            description = "The binding journal. Default: ${DEFAULT-VALUE}.")
    Path state = BindJournal.DEFAULT;

    BindPolicy policy() {
        Set<String> allowed = new HashSet<>(allow);
        Map<String, String> expected = new LinkedHashMap<>();
        if (inventory != null) {
            expected.putAll(InventoryDevices.of(inventory, host));
            allowed.addAll(expected.keySet());
        }
        return new BindPolicy(allowed, new HashSet<>(force), expected);
    }

    /** The BDFs of the run's vfio: devices; refuses --bind with other backends. */
    static List<String> bdfs(List<String> devices) {
        List<String> out = new ArrayList<>();
        for (String d : devices) {
            DeviceSpec spec = DeviceSpec.parse(d);
            if (!"vfio".equals(spec.backend())) {
                throw new IllegalArgumentException("--bind takes vfio:BDF devices; '" + d + "' is not one (vm: devices are"
                        + " bound inside their guest)");
            }
            out.add(VfioOptions.parse(spec).bdf());
        }
        return out;
    }

    /** Binds (after restoring what a crashed rig left), printing what it did; null when --bind is off. */
    BindSession start(List<String> devices, PrintWriter err) throws Exception {
        if (!bind) {
            return null;
        }
        BindSession s;
        try {
            s = SafeBinder.forHost(state).bind(bdfs(devices), policy());
        } catch (BindRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // a usage error: exit 2, nothing changed
        }
        print(s.recovered(), "restored after an earlier crash", err);
        err.println("rig: bound to vfio-pci: " + (s.bound().isEmpty() ? "nothing (already there)" : s.bound())
                + "; journal " + state);
        return s;
    }

    static void finish(BindSession s, PrintWriter err) throws IOException {
        if (s != null) {
            print(s.restore(), "restore", err);
        }
    }

    static void print(List<RestoreOutcome> outcomes, String what, PrintWriter err) {
        for (RestoreOutcome o : outcomes) {
            err.println("rig: " + what + " " + o);
        }
    }
}
