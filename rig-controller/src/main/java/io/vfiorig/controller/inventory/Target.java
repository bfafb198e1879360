package io.vfiorig.controller.inventory;

/**
 * What a schedule runs suites on: {@code host:NAME} (every device of a host that allows the suite),
 * {@code device:LABEL}, {@code vm:NAME} (a virtual host) or a simulated device spec such as {@code sim}.
 */
public sealed interface Target {
    /** The reference as written, e.g. {@code host:lab-host-01}. */
    String text();

    record OnHost(String name) implements Target {
        public String text() {
            return "host:" + name;
        }
    }

    record OnDevice(String label) implements Target {
        public String text() {
            return "device:" + label;
        }
    }

    record OnVirtualHost(String name) implements Target {
        public String text() {
            return "vm:" + name;
        }
    }

    record OnSimulated(String spec) implements Target {
        public String text() {
            return spec;
        }
    }

    /**
     * Parses a target reference. Whether the host, label or virtual host exists is the inventory's
     * business, checked when it loads; a simulated spec is checked here as {@code rig run} would.
     *
     * @throws IllegalArgumentException for anything that is none of the four forms
     */
    static Target parse(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String name = colon < 0 ? "" : t.substring(colon + 1);
        if (kind.equals("sim")) {
            return new OnSimulated(SimSpecs.validate(t));
        }
        if (colon > 0 && (kind.equals("host") || kind.equals("device") || kind.equals("vm"))) {
            if (!Values.NAME.matcher(name).matches()) {
                throw new BadValue("'" + Values.shorten(name) + "' in target '" + Values.shorten(t) + "' is not a valid name", Values.NAME_RULE);
            }
            return switch (kind) {
                case "host" -> new OnHost(name);
                case "device" -> new OnDevice(name);
                default -> new OnVirtualHost(name);
            };
        }
        throw new BadValue("'" + Values.shorten(t) + "' is not a target",
                "write host:NAME, device:LABEL, vm:NAME or a simulated device spec such as sim");
    }
}
