package io.vfiorig.controller.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/** A PCI {@code vendor:device} id such as {@code 8086:0b25}: what the device must report before the rig binds it. */
public record PciId(int vendor, int device) {
    private static final Pattern FORM = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{4}");

    public PciId {
        if (vendor < 0 || vendor > 0xffff || device < 0 || device > 0xffff) {
            throw new IllegalArgumentException("PCI id out of range: " + vendor + ":" + device);
        }
    }

    /**
     * Parses {@code vvvv:dddd} (hex); printed lower-case.
     *
     * @throws IllegalArgumentException for any other form
     */
    public static PciId parse(String text) {
        String t = text.strip();
        if (!FORM.matcher(t).matches()) {
            throw new BadValue("'" + Values.shorten(text) + "' is not a PCI vendor:device id",
                    "write four hex digits each, as lspci -nn shows them, e.g. 8086:0b25");
        }
        return new PciId(Integer.parseInt(t.substring(0, 4), 16), Integer.parseInt(t.substring(5), 16));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%04x", vendor, device);
    }
}
