package io.vfiorig.controller.inventory;

/**
 * A value that does not parse, with the fix to show next to it. Extends IllegalArgumentException
 * so the public {@code parse} methods keep the usual contract; the loader reads {@link #fix()}.
 */
final class BadValue extends IllegalArgumentException {
    private final String fix;

    BadValue(String message, String fix) {
        super(message, null);
        this.fix = fix;
    }

    String fix() {
        return fix;
    }
}
