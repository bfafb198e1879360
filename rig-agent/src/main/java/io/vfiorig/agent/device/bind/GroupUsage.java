package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a PCI function is doing something for the host that taking it away would break: the
 * boot display, a block device with a mounted file system (or swap, or a holder such as LVM or
 * dm-crypt), a network interface with an address or a route. Looks only at what sysfs and procfs
 * show, below the function's own sysfs folder.
 */
final class GroupUsage {
    private final PciSysfs sysfs;
    private final Path proc;
    private final NetAddresses net;

    GroupUsage(PciSysfs sysfs, Path procRoot, NetAddresses net) {
        this.sysfs = sysfs;
        this.proc = procRoot;
        this.net = net;
    }

    /** Everything {@code member} is in use for; empty when the rig may take it. */
    List<String> inUse(PciDevice member) throws IOException {
        List<String> out = new ArrayList<>();
        if (member.bootVga()) {
            out.add(member.bdf() + " is the boot display (boot_vga=1)");
        }
        Path dir = sysfs.deviceDir(member.bdf());
        List<String> mounts = lines(proc.resolve("mounts"));
        List<String> swaps = lines(proc.resolve("swaps"));
        for (String blk : below(sysfs.root().resolve("class/block"), dir)) {
            String dev = "/dev/" + blk;
            for (String m : mounts) {
                String[] f = m.split("\\s+");
                if (f.length > 1 && f[0].equals(dev)) {
                    out.add("block device " + blk + " of " + member.bdf() + " is mounted on " + f[1]);
                }
            }
            for (String s : swaps) {
                if (s.split("\\s+")[0].equals(dev)) {
                    out.add("block device " + blk + " of " + member.bdf() + " is in use as swap");
                }
            }
            List<String> holders = names(sysfs.root().resolve("class/block").resolve(blk).resolve("holders"));
            if (!holders.isEmpty()) {
                out.add("block device " + blk + " of " + member.bdf() + " is held by " + String.join(", ", holders)
                        + " (LVM, RAID or dm-crypt)");
            }
        }
        for (String nic : below(sysfs.root().resolve("class/net"), dir)) {
            List<String> addrs = net.of(nic);
            if (!addrs.isEmpty()) {
                out.add("network interface " + nic + " of " + member.bdf() + " has address " + String.join(", ", addrs));
            }
            List<String> routes = routes(nic);
            if (!routes.isEmpty()) {
                out.add("network interface " + nic + " of " + member.bdf() + " carries route " + String.join(", ", routes));
            }
        }
        return out;
    }

    /** Routes through {@code nic}, IPv4 from /proc/net/route, IPv6 from /proc/net/ipv6_route (not link-local or multicast). */
    private List<String> routes(String nic) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> v4 = lines(proc.resolve("net/route"));
        for (String l : v4.subList(Math.min(1, v4.size()), v4.size())) { // first line: column names
            String[] f = l.strip().split("\\s+");
            if (f.length > 7 && f[0].equals(nic)) {
                out.add(ipv4(f[1]) + "/" + Integer.bitCount((int) Long.parseLong(f[7], 16)));
            }
        }
        for (String l : lines(proc.resolve("net/ipv6_route"))) {
            String[] f = l.strip().split("\\s+");
            if (f.length >= 10 && f[9].equals(nic) && !f[0].startsWith("fe80") && !f[0].startsWith("ff")) {
                out.add(f[0] + "/" + Integer.parseInt(f[1], 16));
            }
        }
        return out;
    }

    /** /proc/net/route prints addresses as little-endian hex. */
    private static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
    }

    /** Names in a /sys/class folder whose device lives below {@code deviceDir}. */
    private static List<String> below(Path classDir, Path deviceDir) {
        List<String> out = new ArrayList<>();
        for (String name : names(classDir)) {
            try {
                if (classDir.resolve(name).toRealPath().startsWith(deviceDir)) {
                    out.add(name);
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return out;
    }

    private static List<String> names(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
