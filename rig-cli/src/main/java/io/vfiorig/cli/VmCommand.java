package io.vfiorig.cli;

import io.vfiorig.agent.report.SummaryTable;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.GuestRequest;
import io.vfiorig.agent.vm.GuestRun;
import io.vfiorig.agent.vm.PackagedKernels;
import io.vfiorig.agent.vm.VirtualHost;
import io.vfiorig.agent.vm.VmDevice;
import io.vfiorig.agent.vm.guest.GuestKernels;
import io.vfiorig.agent.vm.guest.GuestPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig vm}: the virtual lab host (docs/virtual-lab-host.md). */
@Command(name = "vm", mixinStandardHelpOptions = true,
        description = {"The virtual lab host: a QEMU guest (q35, intel-iommu, a PCIe root port per device) with",
            "emulated PCI devices and a real kernel running vfio-pci. KVM when /dev/kvm is usable, TCG otherwise.",
            "Devices: edu, ivshmem[:SIZE] (BAR2 = RAM, 1M..16G), nvme, e1000e, virtio-net."},
        subcommands = {VmCommand.Kernels.class, VmCommand.Boot.class, VmCommand.Run.class})
final class VmCommand extends CommandGroup {

    /** {@code rig vm kernels}. */
    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = {"List the kernels a guest can boot: Debian series fetched with apt (and which are cached),",
                "and how to bring your own build."})
    static final class Kernels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.println("PACKAGED (--kernel debian:SERIES, fetched once through a private apt configuration on this machine's mirror)");
            for (String[] k : List.of(new String[] {"6.1", "group/container only"},
                    new String[] {"6.12", "group/container only"},
                    new String[] {"7.3", "group/container, VFIO_DEVICE_FEATURE_DMA_BUF"})) {
                out.printf("  %-12s %-46s %s%n", "debian:" + k[0], k[1], "suite " + String.join(", ", PackagedKernels.suites(k[0])));
            }
            Path cache = PackagedKernels.defaultCacheDir();
            List<String> cached = PackagedKernels.cachedReleases(cache);
            out.println();
            out.println("CACHED (" + cache + ")");
            out.println(cached.isEmpty() ? "  none yet: the first --kernel debian:SERIES fetches it" : "  " + String.join("\n  ", cached));
            out.println();
            out.println("YOUR OWN (--kernel PATH): a bzImage built with vfio-guest.config.fragment merged");
            out.println("  (iommufd cdev, noiommu, everything built in; see docs/virtual-lab-host.md)");
            return Rig.OK;
        }
    }

    /** Options shared by boot and run. */
    static final class GuestOptions {
        @Option(names = "--kernel", required = true, paramLabel = "PATH|debian:SERIES",
                description = "A bzImage built with vfio-guest.config.fragment, or debian:7.3 / debian:6.12 / debian:6.1.")
        String kernel;

        @Option(names = "--device", required = true, paramLabel = "DEVICE",
                description = "Emulated device (repeatable): edu, ivshmem[:SIZE], nvme, e1000e, virtio-net.")
        List<String> devices;

        @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "ISO-8601",
                description = "Kill the guest after this long. Default: ${DEFAULT-VALUE}.")
        Duration timeout;
    }

    /** {@code rig vm boot}. */
    @Command(name = "boot", mixinStandardHelpOptions = true,
            description = {"Boot the guest with the devices bound to vfio-pci, run a shell command in it (default: list",
                "the devices, their drivers, BARs and reset methods, and /dev/vfio), print its output and power off.",
                "Exit code: the command's, or 2 when the guest did not boot (the reason names the fix)."},
            footer = {"", "Examples:",
                "  rig vm boot --kernel debian:7.3 --device edu --device ivshmem:64M",
                "  rig vm boot --kernel arch/x86/boot/bzImage --device nvme --cmd 'cat /sys/bus/pci/devices/*/reset_method'"})
    static final class Boot implements Callable<Integer> {
        static final String DEVICES = """
                for bdf in $RIG_BDFS; do
                  d=/sys/bus/pci/devices/$bdf
                  drv=none; [ -e $d/driver ] && drv=$(basename $(readlink $d/driver))
                  sizes=$(head -n 6 $d/resource | while read s e f; do [ $e = 0x0000000000000000 ] && echo - || echo $((e - s + 1)); done | tr '\\n' ' ')
                  echo "$bdf $(cat $d/vendor):$(cat $d/device) driver=$drv group=$(basename $(readlink $d/iommu_group)) reset=$(cat $d/reset_method 2>/dev/null | tr ' ' ,) bars=$sizes"
                done
                echo "kernel $(uname -r); /dev/vfio: $(ls /dev/vfio | tr '\\n' ' ')"
                """;

        @Spec
        CommandSpec spec;

        @Option(names = "--cmd", paramLabel = "SHELL", description = "busybox sh command to run in the guest instead of the device listing.")
        String cmd;

        @Option(names = "--work", paramLabel = "DIR", defaultValue = "rig-out/vm",
                description = "Folder for the initramfs, console.log and the results share. Default: ${DEFAULT-VALUE}.")
        Path work;

        @picocli.CommandLine.Mixin
        GuestOptions guest;

        @Override
        public Integer call() throws Exception {
            List<VmDevice> devices = VmDevice.parseAll(guest.devices);
            GuestKernel kernel = GuestKernels.resolve(guest.kernel);
            GuestRun run = new VirtualHost().run(GuestRequest.of(kernel, devices, cmd == null ? DEVICES : cmd + "\n",
                    work.toAbsolutePath()).withTimeout(guest.timeout));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (run.failure().isPresent()) {
                err.println("rig vm boot: " + run.summary() + "; console: " + run.consoleLog());
                return Rig.USAGE_OR_INFRA;
            }
            out.print(run.stdout());
            out.flush(); // print() does not flush an autoflush PrintWriter
            err.print(run.stderr());
            err.println(run.summary() + "; console: " + run.consoleLog());
            return run.exitCode().orElse(Rig.USAGE_OR_INFRA);
        }
    }

    /** {@code rig vm run}: {@code rig run --device vm:...} with the devices named plainly. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a suite in the guest on the emulated devices (the same as rig run --device vm:DEVICE):",
                "results carry the guest's kernel release and backend=vfio.",
                "Exit code: 0 every invariant held, 1 violations found, 2 usage or infrastructure error."},
            footer = {"", "Example:", "  rig vm run --kernel debian:7.3 --device edu --device ivshmem:256M --suite smoke"})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        GuestOptions guest;

        @Option(names = "--suite", defaultValue = "smoke", description = "Suite to run. Default: ${DEFAULT-VALUE}.")
        String suite;

        @Option(names = "--out", defaultValue = "rig-out/vm-run", paramLabel = "DIR",
                description = "Output directory for results.json, junit.xml, results.ktap. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--duration-scale", paramLabel = "X", description = "Multiply every scenario's duration.")
        Double durationScale;

        @Override
        public Integer call() throws Exception {
            List<String> specs = new ArrayList<>();
            for (String d : guest.devices) {
                specs.add(d.startsWith(GuestPlan.BACKEND + ":") ? d : GuestPlan.BACKEND + ":" + d);
            }
            SuiteRunner.validate(suite, specs);
            Map<String, String> props = durationScale == null ? Map.of() : Map.of("rig.duration.scale", durationScale.toString());
            RunResults results = SuiteRunner.run(suite, specs, guest.kernel, out, guest.timeout, props, spec.commandLine().getErr());
            spec.commandLine().getOut().println(SummaryTable.render(results));
            spec.commandLine().getOut().println("results: " + out.resolve(SuiteRunner.RESULTS));
            return results.exitCode();
        }
    }
}
