package io.vfiorig.controller.inventory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, {@code DDDD:BB:DD.F} as sysfs writes it (domain, bus, device 0-1f, function 0-7).
 */
public record PciAddress(int domain, int bus, int device, int function) {
    private static final Pattern FORM = Pattern.compile("([0-9a-fA-F]{4}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");
    private static final Pattern SHORT = Pattern.compile("[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    public PciAddress {
        if (domain < 0 || domain > 0xffff || bus < 0 || bus > 0xff || device < 0 || device > 0x1f || function < 0 || function > 7) {
            throw new IllegalArgumentException("PCI address out of range: " + domain + ":" + bus + ":" + device + "." + function);
        }
    }

    /**
     * Parses {@code 0000:3b:00.0}; upper-case hex is accepted and printed lower-case.
     *
     * @throws IllegalArgumentException for any other form (e.g. the bus:device.function without the domain)
     */
    public static PciAddress parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            String example = SHORT.matcher(text.strip()).matches() ? "0000:" + text.strip().toLowerCase(Locale.ROOT) : "0000:3b:00.0";
            throw new BadValue("'" + Values.shorten(text) + "' is not a PCI address", "write it as DDDD:BB:DD.F, e.g. " + example);
        }
        int device = Integer.parseInt(m.group(3), 16);
        if (device > 0x1f) {
            throw new BadValue("'" + text + "' is not a PCI address: device " + m.group(3) + " is above 1f",
                    "the device number is 00-1f; copy the address from lspci -D");
        }
        return new PciAddress(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16), device,
                Integer.parseInt(m.group(4)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, device, function);
    }
}
