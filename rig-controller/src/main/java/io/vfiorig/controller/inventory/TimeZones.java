package io.vfiorig.controller.inventory;

import java.time.ZoneId;
import java.util.Set;

/** IANA time zone names only: offsets like +02:00 ignore daylight saving, which a nightly schedule must follow. */
final class TimeZones {
    private TimeZones() {}

    static ZoneId parse(String text) {
        Set<String> ids = ZoneId.getAvailableZoneIds();
        if (ids.contains(text)) {
            return ZoneId.of(text);
        }
        String near = ids.stream().filter(id -> id.equalsIgnoreCase(text)).findFirst()
                .or(() -> DidYouMean.closest(text, ids)).orElse(null);
        throw new BadValue("'" + Values.shorten(text) + "' is not an IANA time zone",
                near != null ? "did you mean '" + near + "'?" : "write a region name such as Europe/Berlin, America/New_York or UTC");
    }
}
