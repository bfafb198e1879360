package io.vfiorig.controller.fleet;

import io.vfiorig.controller.inventory.NightlySchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When the nightly schedule is due. The fleet asks after every tick "did a matching minute pass
 * since I last looked?"; it fires once for the latest such minute, so a controller that was down
 * over the night's minute catches up (within {@link #CATCH_UP}) but never runs two nights at once.
 */
final class NightlyTrigger {
    /** How far back a restarted controller looks for a night it missed. */
    static final Duration CATCH_UP = Duration.ofHours(6);

    private NightlyTrigger() {}

    /**
     * @return the latest minute in {@code (after, upTo]} matching the schedule's cron in its time zone
     */
    static Optional<ZonedDateTime> lastDue(NightlySchedule s, Instant after, Instant upTo) {
        Instant from = after.isBefore(upTo.minus(CATCH_UP)) ? upTo.minus(CATCH_UP) : after;
        ZonedDateTime t = upTo.atZone(s.timeZone()).truncatedTo(ChronoUnit.MINUTES);
        while (t.toInstant().isAfter(from)) {
            LocalDateTime wall = t.toLocalDateTime();
            if (s.cron().matches(wall)) {
                return Optional.of(t);
            }
            t = t.minusMinutes(1);
        }
        return Optional.empty();
    }
}
