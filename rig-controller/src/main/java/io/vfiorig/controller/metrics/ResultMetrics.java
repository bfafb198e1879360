package io.vfiorig.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.engine.Metric;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestResult;
import java.util.List;

/**
 * Metrics from stored results (docs/fleet.md lists them with their labels):
 * {@code rig_fault_latency_seconds{host,device,bar,kernel,suite,backend,kind}},
 * {@code rig_revoke_to_sigbus_seconds{host,device,kernel,suite,backend}} (histograms, every sample
 * of the result's HDR histogram), {@code rig_restore_to_success_seconds{host,device,kernel,suite,backend}},
 * {@code rig_invariant_violations_total{invariant,host,suite}} and
 * {@code rig_disruptions_total{host,device,suite,disruptor}} (the revokes, resets, ... a test's
 * disruptor did). Every label value comes from the inventory (host, device, suite), the kernels
 * under test or a small fixed set (bar, backend, kind, invariant, disruptor: named in the agent's
 * code), so cardinality stays bounded.
 */
public final class ResultMetrics {
    private final MeterRegistry registry;
    private final LatencyHistograms faultLatency = new LatencyHistograms("rig_fault_latency_seconds",
            "Device BAR access latency from stored results: kind=fault is a page's first touch, kind=steady a mapped page",
            List.of("host", "device", "bar", "kernel", "suite", "backend", "kind"));
    private final LatencyHistograms revokeToSigbus = new LatencyHistograms("rig_revoke_to_sigbus_seconds",
            "From the start of a revoke to a hammer thread's first SIGBUS, from stored results",
            List.of("host", "device", "kernel", "suite", "backend"));
    private final LatencyHistograms restoreToSuccess = new LatencyHistograms("rig_restore_to_success_seconds",
            "From the start of a restore to a hammer thread's first successful access again, from stored results",
            List.of("host", "device", "kernel", "suite", "backend"));

    public ResultMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        registry.getPrometheusRegistry().register(faultLatency);
        registry.getPrometheusRegistry().register(revokeToSigbus);
        registry.getPrometheusRegistry().register(restoreToSuccess);
    }

    /** Counts one stored result of {@code host}, whose agent runs {@code kernel}. */
    public void stored(String host, String kernel, TestResult r) {
        for (InvariantOutcome o : r.invariants()) {
            if (o.violations() > 0) {
                Counter.builder("rig.invariant.violations")
                        .description("Invariant violations in stored results")
                        .tag("invariant", o.invariant()).tag("host", host).tag("suite", r.suite())
                        .register(registry).increment(o.violations());
            }
        }
        long disruptions = r.counters() == null ? 0 : r.counters().getOrDefault("disruptions", 0L);
        String disruptor = r.facts() == null ? null : r.facts().get("disruptor");
        if (disruptions > 0 && disruptor != null) {
            Counter.builder("rig.disruptions")
                    .description("Disruptions (revokes, resets, ...) done under load in stored results, by disruptor")
                    .tag("host", host).tag("device", r.device()).tag("suite", r.suite()).tag("disruptor", disruptor)
                    .register(registry).increment(disruptions);
        }
        String bar = r.facts() == null ? "0" : r.facts().getOrDefault("primary_bar", "0");
        for (HistogramSummary h : r.latencies()) {
            if (h.count() == 0) {
                continue;
            }
            if (h.metric().equals(Metric.FAULT.id()) || h.metric().equals(Metric.STEADY.id())) {
                String kind = h.metric().equals(Metric.FAULT.id()) ? "fault" : "steady";
                faultLatency.add(List.of(host, r.device(), bar, kernel, r.suite(), r.backend(), kind), h.decode());
            } else if (h.metric().equals(Metric.REVOKE_TO_SIGBUS.id())) {
                revokeToSigbus.add(List.of(host, r.device(), kernel, r.suite(), r.backend()), h.decode());
            } else if (h.metric().equals(Metric.RESTORE_TO_SUCCESS.id())) {
                restoreToSuccess.add(List.of(host, r.device(), kernel, r.suite(), r.backend()), h.decode());
            }
        }
    }
}
