package io.vfiorig.agent.engine;

import io.vfiorig.agent.invariant.InvariantLedger;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one hammer run produced.
 *
 * @param ledger      invariant violations and what was exercised
 * @param latencies   cumulative histograms per metric (ns)
 * @param transitions every revoke-state change, in order
 * @param counters    accesses, faults (getrusage), sigbus, disruptions, ...
 * @param hung        the watchdog fired: a thread is stuck and was abandoned
 */
public record HammerOutcome(InvariantLedger ledger, Map<Metric, Histogram> latencies,
        List<RevokeState.Transition> transitions, Map<String, Long> counters, boolean hung) {}
