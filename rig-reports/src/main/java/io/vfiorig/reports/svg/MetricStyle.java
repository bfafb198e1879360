package io.vfiorig.reports.svg;

/** How each latency metric is named and coloured, the same in every plot and legend. */
public enum MetricStyle {
    FAULT("fault_latency", "page fault", "#2563eb"),
    STEADY("steady_latency", "steady access", "#94a3b8"),
    REVOKE_TO_SIGBUS("revoke_to_sigbus", "revoke → SIGBUS", "#dc2626"),
    RESTORE_TO_SUCCESS("restore_to_success", "restore → access", "#16a34a"),
    OTHER("", "other", "#a855f7");

    private final String metric;
    private final String label;
    private final String color;

    MetricStyle(String metric, String label, String color) {
        this.metric = metric;
        this.label = label;
        this.color = color;
    }

    public static MetricStyle of(String metric) {
        for (MetricStyle s : values()) {
            if (s.metric.equals(metric)) {
                return s;
            }
        }
        return OTHER;
    }

    public String label() {
        return label;
    }

    public String color() {
        return color;
    }
}
