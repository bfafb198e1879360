package io.vfiorig.agent.device;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A device named on the command line: {@code BACKEND[:key=value,...]}, e.g. {@code sim},
 * {@code sim:bug=stale-mapping,size=16M}. A first value without {@code =} is the backend's target
 * (e.g. a BDF).
 *
 * @param backend the backend id ("sim")
 * @param options backend options in the order given
 * @param text    the original text, used as the device's name in results
 */
public record DeviceSpec(String backend, Map<String, String> options, String text) {
    /** Option key of a bare first value, e.g. the BDF in {@code vfio:0000:01:00.0}. */
    public static final String TARGET = "target";

    public static DeviceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty device: use e.g. --device sim or --device sim:bug=slow-fault");
        }
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String backend = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String part : trimmed.substring(colon + 1).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0 && !options.containsKey(TARGET)) {
                    options.put(TARGET, part.trim()); // e.g. the BDF in vfio:0000:01:00.0
                    continue;
                }
                if (eq <= 0) {
                    throw new IllegalArgumentException("device '" + text + "': option '" + part
                            + "' is not key=value (e.g. sim:bug=stale-mapping,size=8M)");
                }
                options.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return new DeviceSpec(backend, Map.copyOf(options), trimmed);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** Parses sizes such as 4096, 64K, 8M, 1G. */
    public static long parseSize(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("K")) {
            unit = 1L << 10;
        } else if (v.endsWith("M")) {
            unit = 1L << 20;
        } else if (v.endsWith("G")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + value + "' is not a number with an optional K/M/G suffix");
        }
    }
}
