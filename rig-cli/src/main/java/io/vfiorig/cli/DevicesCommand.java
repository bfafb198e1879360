package io.vfiorig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.agent.device.sim.SimBug;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig devices}: what can be tested here (read-only). */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List devices the rig can test on this host: the simulated device and the PCI",
            "devices in sysfs with their driver, IOMMU group and reset method. Changes nothing.",
            "With --controller URL: the lab's devices as the controller sees them (health state and",
            "reason, lease, agent)."})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sysfs", defaultValue = "/sys", paramLabel = "DIR", description = "sysfs root. Default: ${DEFAULT-VALUE}.")
    Path sysfs;

    @Option(names = "--detail", description = "Per PCI device also: driver_override, IOMMU group members, NUMA node,"
            + " boot display, and each BAR (address, size, kind) from sysfs resource.")
    boolean detail;

    @Option(names = "--controller", paramLabel = "URL",
            description = "Ask the controller (e.g. " + ControllerClient.DEFAULT_URL + ") instead of this host's sysfs.")
    String controller;

    @Override
    public Integer call() {
        if (controller != null) {
            try {
                return fleet(new ControllerClient(controller));
            } catch (ControllerClient.Failure e) {
                spec.commandLine().getErr().println("rig devices: " + e.getMessage());
                return Rig.USAGE_OR_INFRA;
            }
        }
        spec.commandLine().getOut().println("SIMULATED");
        spec.commandLine().getOut().printf("  %-22s %s%n", "sim", "memfd-backed BAR through the real kernel fault path");
        for (SimBug bug : SimBug.values()) {
            if (bug != SimBug.NONE) {
                spec.commandLine().getOut().printf("  %-22s %s%n", "sim:bug=" + bug.id(), bug.description());
            }
        }
        List<PciDevice> pci = new PciSysfs(sysfs).list();
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("PCI (" + pci.size() + " in " + sysfs.resolve("bus/pci/devices") + ")");
        if (!pci.isEmpty()) {
            spec.commandLine().getOut().printf("  %-13s %-11s %-8s %-14s %-6s %s%n", "BDF", "VENDOR:DEV", "CLASS", "DRIVER", "GROUP",
                    "RESET");
        }
        for (PciDevice d : pci) {
            spec.commandLine().getOut().printf("  %-13s %-11s %-8s %-14s %-6s %s%n", d.bdf(),
                    strip(d.vendor()) + ":" + strip(d.device()), strip(d.classCode()),
                    d.driver().isEmpty() ? "-" : d.driver(), d.iommuGroup() < 0 ? "-" : Integer.toString(d.iommuGroup()),
                    d.resetMethods().isEmpty() ? "-" : String.join(",", d.resetMethods()));
            if (detail) {
                printDetail(new PciSysfs(sysfs), d);
            }
        }
        return Rig.OK;
    }

    private void printDetail(PciSysfs pci, PciDevice d) {
        spec.commandLine().getOut().printf("      override=%s group-members=%s numa=%d boot-vga=%s%n",
                d.driverOverride().isEmpty() ? "-" : d.driverOverride(), pci.iommuGroupMembers(d.iommuGroup()), d.numaNode(),
                d.bootVga() ? "yes" : "no");
        for (PciDevice.PciBar b : d.bars()) {
            spec.commandLine().getOut().printf("      %-4s 0x%x size=%d %s%s%n", b.rom() ? "ROM" : "BAR" + b.index(), b.start(),
                    b.size(), b.io() ? "io" : "mem", b.memory() ? (b.is64Bit() ? " 64-bit" : " 32-bit") + (b.prefetchable()
                    ? " prefetchable" : "") : "");
        }
    }

    private int fleet(ControllerClient client) {
        JsonNode answer = client.get("/api/devices");
        String row = "  %-12s %-20s %-14s %-11s %-9s %-20s %-42s %s%n";
        spec.commandLine().getOut().printf(row, "HOST", "DEVICE", "LABEL", "STATE", "AGENT", "SINCE", "LEASE", "REASON");
        for (JsonNode d : answer.path("devices")) {
            spec.commandLine().getOut().printf(row, d.path("host").asText(), d.path("device").asText(), d.path("label").asText(),
                    d.path("state").asText(), d.path("agent").asText(), d.path("since").asText(),
                    d.path("leaseId").isNull() ? "-" : d.path("leaseId").asText() + " (" + d.path("runId").asText() + ")",
                    d.path("reason").isNull() ? "" : d.path("reason").asText());
        }
        return Rig.OK;
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }
}
