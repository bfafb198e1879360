package io.vfiorig.controller.fleet;

import java.util.List;

/** An active lease: {@code runId} holds these IOMMU groups of {@code host} since {@code grantedMillis}. */
public record Lease(String leaseId, String host, String runId, long grantedMillis, List<String> groups) {
    public Lease {
        groups = List.copyOf(groups);
    }
}
