package io.vfiorig.controller.inventory;

import java.time.ZoneId;
import java.util.List;

/**
 * The nightly run: which suites, on which targets, when.
 *
 * @param cron     when, as five-field cron in {@code timeZone}'s wall-clock time
 * @param timeZone IANA zone, so the run follows daylight saving
 * @param suites   the suites to run
 * @param targets  what to run them on
 */
public record NightlySchedule(CronExpression cron, ZoneId timeZone, List<String> suites, List<Target> targets) {
    public NightlySchedule {
        suites = List.copyOf(suites);
        targets = List.copyOf(targets);
    }
}
