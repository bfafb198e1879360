package io.vfiorig.controller.fleet;

/**
 * One device as {@code rig devices --controller} and {@code GET /api/devices} show it.
 *
 * @param since   when it entered its state (ISO-8601)
 * @param leaseId the lease holding its IOMMU group, or {@code null}
 * @param runId   the run holding that lease, or {@code null}
 * @param agent   {@code connected} or {@code offline}
 */
public record DeviceView(String host, String device, String label, String iommuGroup, String state, String reason,
        String since, int failures, String leaseId, String runId, String agent) {
}
