package io.vfiorig.controller.inventory;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code rig inventory check FILE}: validates an inventory and says so in one line, or lists every problem. */
public final class InventoryCheck {
    /** Exit code for a valid inventory. */
    public static final int OK = 0;
    /** Exit code for an invalid or unreadable one (the rig's usage/infrastructure code). */
    public static final int INVALID = 2;

    private InventoryCheck() {}

    /**
     * Checks {@code file}. On success prints a summary such as
     * {@code inventory.yaml: lab example-lab, 1 host, 1 device, 1 virtual host, schedule 0 2 * * * Europe/Berlin}
     * to {@code out}; otherwise every problem, one per line, to {@code err}.
     *
     * @return {@link #OK} or {@link #INVALID}
     */
    public static int run(Path file, PrintWriter out, PrintWriter err) {
        try {
            Inventory inv = InventoryLoader.load(file);
            out.println(file + ": " + summary(inv));
            out.flush();
            return OK;
        } catch (InventoryException e) {
            e.problems().forEach(err::println);
            err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            err.flush();
            return INVALID;
        }
    }

    /** {@code lab NAME, N hosts, N devices, N virtual hosts, schedule CRON ZONE}. */
    static String summary(Inventory inv) {
        String schedule = inv.schedule()
                .map(s -> "schedule " + s.nightly().cron() + " " + s.nightly().timeZone().getId())
                .orElse("no schedule");
        return "lab " + inv.lab() + ", " + count(inv.hosts().size(), "host") + ", " + count(inv.hostDevices().size(), "device")
                + ", " + count(inv.virtualHosts().size(), "virtual host") + ", " + schedule;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
