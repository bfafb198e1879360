package io.vfiorig.controller.inventory;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code schedule:}: when the nightly run starts, in which zone, which suites on which targets. */
final class ScheduleSection {
    private ScheduleSection() {}

    static Optional<Schedule> read(Node n, Binding b) {
        return b.mapping(n, "the schedule", "write nightly: with cron:, time-zone:, suites: and targets: under it", f ->
                f.required("nightly", "nightly: (with cron:, time-zone:, suites:, targets:)")
                        .flatMap(x -> nightly(x, b)).map(Schedule::new));
    }

    private static Optional<NightlySchedule> nightly(Node n, Binding b) {
        Values v = b.values();
        return b.mapping(n, "the nightly schedule", "write cron:, time-zone:, suites: and targets: under it", f -> {
            Optional<CronExpression> cron = f.required("cron", "cron: \"0 2 * * *\"").flatMap(x -> v.parsed(x, CronExpression::parse));
            Optional<ZoneId> zone = f.required("time-zone", "time-zone: Europe/Berlin").flatMap(x -> v.parsed(x, TimeZones::parse));
            Optional<List<String>> suites = f.required("suites", "suites: [nightly]").flatMap(b::suites);
            Optional<List<Target>> targets = f.required("targets", "targets: [sim]").flatMap(x -> targets(x, suites, b));
            if (cron.isEmpty() || zone.isEmpty() || suites.isEmpty() || targets.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new NightlySchedule(cron.get(), zone.get(), suites.get(), targets.get()));
        });
    }

    private static Optional<List<Target>> targets(Node n, Optional<List<String>> suites, Binding b) {
        return b.values().list(n, true, "[host:lab-host-01, vm:vm-edu, sim]").flatMap(items -> {
            List<Target> out = new ArrayList<>();
            for (Node item : items) {
                b.values().parsed(item, Target::parse).ifPresent(t -> {
                    b.names().schedule(t.text(), item, suites.orElse(List.of()));
                    out.add(t);
                });
            }
            return out.size() == items.size() ? Optional.of(out) : Optional.empty();
        });
    }
}
