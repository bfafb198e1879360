package io.vfiorig.controller.inventory;

/**
 * What a device model's runs of a suite are compared against.
 *
 * @param deviceModel a PCI {@code vendor:device} id (a host device's {@code expect}, or an emulated device's id) or {@code sim}
 * @param suite       the suite
 * @param run         a run id, or {@link #LATEST_GOOD} for the newest run that was good
 */
public record Baseline(String deviceModel, String suite, String run) {
    /** The {@code run} value that means "the newest good run of this model and suite". */
    public static final String LATEST_GOOD = "latest-good";

    /** True when the baseline follows the newest good run rather than a fixed one. */
    public boolean latestGood() {
        return run.equals(LATEST_GOOD);
    }
}
