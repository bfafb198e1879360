package io.vfiorig.controller.fleet;

/**
 * A device's stored health.
 *
 * @param sinceMillis when it entered {@code state} (epoch milliseconds)
 * @param failures    infrastructure errors in a row
 */
public record DeviceRow(String host, String device, String label, String iommuGroup, DeviceState state, String reason,
        long sinceMillis, int failures) {
}
