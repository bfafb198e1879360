package io.vfiorig.controller.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL on the fleet tables of migration V2; every method runs on the caller's handle (and transaction). */
final class FleetTables {
    private static final String DEVICE_COLUMNS = "host, device, label, iommu_group, state, reason, since_ms, failures";
    private static final String ORDER_COLUMNS = "run_id, host, suite, devices, reason, state, created_ms, lease_id";

    private FleetTables() {}

    /** Adds a device the inventory declares and the store does not know yet, as {@code unknown}. */
    static void addDevice(Handle h, Bookable b, long nowMs) {
        boolean known = h.createQuery("SELECT COUNT(*) FROM fleet_devices WHERE host = ? AND device = ?")
                .bind(0, b.host()).bind(1, b.device()).mapTo(Integer.class).one() > 0;
        if (!known) {
            h.execute("INSERT INTO fleet_devices (" + DEVICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                    b.host(), b.device(), b.label(), b.defaultGroup(), DeviceState.UNKNOWN.id(), "not checked yet", nowMs);
        }
    }

    static List<DeviceRow> devices(Handle h) {
        return h.createQuery("SELECT " + DEVICE_COLUMNS + " FROM fleet_devices ORDER BY host, device")
                .map((rs, ctx) -> new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        DeviceState.of(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getInt(8)))
                .list();
    }

    static Optional<DeviceRow> device(Handle h, String host, String device) {
        return devices(h).stream().filter(d -> d.host().equals(host) && d.device().equals(device)).findFirst();
    }

    static void setGroup(Handle h, String host, String device, String group) {
        h.execute("UPDATE fleet_devices SET iommu_group = ? WHERE host = ? AND device = ?", group, host, device);
    }

    static void setHealth(Handle h, String host, String device, DeviceState state, String reason, long nowMs,
            int failures) {
        h.execute("UPDATE fleet_devices SET state = ?, reason = ?, since_ms = ?, failures = ? WHERE host = ? AND device = ?",
                state.id(), reason, nowMs, failures, host, device);
    }

    static Map<DeviceState, Integer> stateCounts(Handle h) {
        Map<DeviceState, Integer> counts = new LinkedHashMap<>();
        Arrays.stream(DeviceState.values()).forEach(s -> counts.put(s, 0));
        h.createQuery("SELECT state, COUNT(*) FROM fleet_devices GROUP BY state")
                .map((rs, ctx) -> Map.entry(DeviceState.of(rs.getString(1)), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    static void addOrder(Handle h, Order o) {
        h.execute("INSERT INTO fleet_orders (" + ORDER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                o.runId(), o.host(), o.suite(), String.join(";", o.devices()), o.reason(), o.state(), o.createdMillis(),
                o.leaseId());
    }

    /** Orders in these states, oldest first. */
    static List<Order> orders(Handle h, Collection<String> states) {
        return h.createQuery("SELECT " + ORDER_COLUMNS + " FROM fleet_orders WHERE state IN (<states>) ORDER BY created_ms, run_id")
                .bindList("states", List.copyOf(states))
                .map((rs, ctx) -> order(rs))
                .list();
    }

    static Optional<Order> order(Handle h, String runId) {
        return h.createQuery("SELECT " + ORDER_COLUMNS + " FROM fleet_orders WHERE run_id = ?").bind(0, runId)
                .map((rs, ctx) -> order(rs)).findOne();
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getString(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split(";")),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    static void setOrderState(Handle h, String runId, String state, String leaseId) {
        h.execute("UPDATE fleet_orders SET state = ?, lease_id = ? WHERE run_id = ?", state, leaseId, runId);
    }

    static void finishOrder(Handle h, String runId, String state, RunOutcome outcome) {
        h.execute("UPDATE fleet_orders SET state = ?, lease_id = NULL, outcome = ?, detail = ? WHERE run_id = ?",
                state, outcome == null ? null : outcome.kind().name(), outcome == null ? null : outcome.detail(), runId);
    }

    /** Which of {@code groups} of {@code host} an active lease holds. */
    static List<String> heldGroups(Handle h, String host, Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT iommu_group FROM fleet_held_groups WHERE host = :host AND iommu_group IN (<groups>)")
                .bind("host", host).bindList("groups", List.copyOf(groups)).mapTo(String.class).list();
    }

    /** Grants a lease; the held-groups key refuses it if any group is already held. */
    static void grant(Handle h, Lease l) {
        h.execute("INSERT INTO fleet_leases (lease_id, host, run_id, granted_ms) VALUES (?, ?, ?, ?)",
                l.leaseId(), l.host(), l.runId(), l.grantedMillis());
        for (String g : l.groups()) {
            h.execute("INSERT INTO fleet_held_groups (host, iommu_group, lease_id) VALUES (?, ?, ?)", l.host(), g, l.leaseId());
        }
    }

    /** @return whether the lease was active */
    static boolean release(Handle h, String leaseId, long nowMs, String reason) {
        h.execute("DELETE FROM fleet_held_groups WHERE lease_id = ?", leaseId);
        return h.execute("UPDATE fleet_leases SET released_ms = ?, release_reason = ? WHERE lease_id = ? AND released_ms IS NULL",
                nowMs, reason, leaseId) > 0;
    }

    static List<Lease> activeLeases(Handle h) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        h.createQuery("SELECT lease_id, iommu_group FROM fleet_held_groups ORDER BY lease_id, iommu_group")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return h.createQuery("SELECT lease_id, host, run_id, granted_ms FROM fleet_leases WHERE released_ms IS NULL ORDER BY granted_ms, lease_id")
                .map((rs, ctx) -> new Lease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        groups.getOrDefault(rs.getString(1), List.of())))
                .list();
    }

    static Optional<String> meta(Handle h, String name) {
        return h.createQuery("SELECT value FROM fleet_meta WHERE name = ?").bind(0, name).mapTo(String.class).findOne();
    }

    static void meta(Handle h, String name, String value) {
        if (h.execute("UPDATE fleet_meta SET value = ? WHERE name = ?", value, name) == 0) {
            h.execute("INSERT INTO fleet_meta (name, value) VALUES (?, ?)", name, value);
        }
    }
}
