package io.vfiorig.agent.scenario;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.engine.Disruptor;
import io.vfiorig.agent.engine.Disruptors;
import io.vfiorig.agent.engine.FaultSizeProbe;
import io.vfiorig.agent.engine.HammerConfig;
import io.vfiorig.agent.engine.HammerOutcome;
import io.vfiorig.agent.engine.HammerRun;
import io.vfiorig.agent.engine.LiveStats;
import io.vfiorig.agent.engine.Metric;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import io.vfiorig.agent.invariant.LatencyBound;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios the suites run, written once for every backend. Each takes an opened device and
 * returns what it observed; the TestNG suites decide which scenarios make up a suite.
 */
public final class Scenarios {
    private Scenarios() {}

    /** Registers and data read correctly at open; RAM-like BARs round-trip a written pattern. */
    public static ScenarioReport readWrite(DeviceUnderTest device) {
        long start = System.nanoTime();
        LiveStats.GLOBAL.phase("read-write");
        InvariantLedger ledger = new InvariantLedger();
        DeviceProfile profile = device.profile();
        Bar bar = device.primaryBar();
        long checked = 0;
        try {
            if (profile.hasId()) {
                int id = DeviceAccess.read32(bar.memory(), profile.idOffset());
                checked++;
                if (id != profile.idValue()) {
                    ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), profile.idOffset(), (long) id,
                            String.format("ID register reads 0x%08x, expected 0x%08x", id, profile.idValue())));
                }
            }
            if (profile.livenessOffset() >= 0) {
                for (int probe : new int[] {0x12345678, 0, -1, 0x5a5aa5a5}) {
                    DeviceAccess.write32(bar.memory(), profile.livenessOffset(), probe);
                    int back = DeviceAccess.read32(bar.memory(), profile.livenessOffset());
                    checked++;
                    if (back != ~probe) {
                        ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), profile.livenessOffset(),
                                (long) back, String.format("liveness: wrote 0x%08x, read 0x%08x, expected 0x%08x",
                                        probe, back, ~probe)));
                    }
                }
            }
            if (profile.ramLike()) {
                long from = Math.max(0, profile.patternStart());
                for (long off = from; off < bar.size(); off += 64) {
                    DeviceAccess.write32(bar.memory(), off, DeviceProfile.patternWord(off) ^ 0xffff);
                }
                for (long off = from; off < bar.size(); off += 64) {
                    int v = DeviceAccess.read32(bar.memory(), off);
                    checked++;
                    if (v != (DeviceProfile.patternWord(off) ^ 0xffff)) {
                        ledger.violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), off, (long) v,
                                String.format("pattern write/read at 0x%x: read 0x%08x", off, v)));
                    }
                    DeviceAccess.write32(bar.memory(), off, DeviceProfile.patternWord(off));
                }
            }
        } catch (InternalError sigbus) {
            ledger.violate(Invariant.ACCESS_RESTORED, Evidence.of("SIGBUS on a freshly opened, enabled device"));
        }
        if (checked > 0) {
            ledger.exercised(Invariant.DATA_CORRECT, checked + " register/pattern reads correct at open");
            ledger.exercised(Invariant.ACCESS_RESTORED, "no SIGBUS on an enabled device");
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("reads_checked", checked);
        return new ScenarioReport(start, ledger.outcomes(), Map.of(), counters, List.of(), device.describe());
    }

    /** Faults and steady accesses from N threads, no disruption: latency and fault-rate baseline. */
    public static ScenarioReport faultHammer(DeviceUnderTest device, HammerConfig config) {
        return hammer("fault-hammer", device, config, null);
    }

    /** Revoke and restore again and again under load. */
    public static ScenarioReport revokeUnderLoad(DeviceUnderTest device, HammerConfig config) {
        return hammer("revoke-under-load", device, config,
                Disruptors.revokeRestore(Duration.ofMillis(40), Duration.ofMillis(60)));
    }

    /** Device resets under load. */
    public static ScenarioReport resetUnderLoad(DeviceUnderTest device, HammerConfig config) {
        return hammer("reset-under-load", device, config, Disruptors.reset(Duration.ofMillis(80)));
    }

    /** Close the device fd while the BAR is mapped and hammered: the mapping must keep working. */
    public static ScenarioReport closeWhileMapped(DeviceUnderTest device, HammerConfig config) {
        return hammer("close-while-mapped", device, config,
                Disruptors.closeWhileMapped(config.duration().dividedBy(3)));
    }

    /**
     * Keeps the BAR revoked while every thread hammers it until {@code sigbusTarget} SIGBUS were
     * taken (or {@code config}'s duration ran out): the probe JVM must survive them all.
     */
    public static ScenarioReport sigbusStorm(DeviceUnderTest device, HammerConfig config, long sigbusTarget) {
        return hammer("sigbus-storm", device, config, Disruptors.revokeAndHold(sigbusTarget));
    }

    /** The fault order for a 2 MiB-aligned region matches what THP settings and alignment allow. */
    public static ScenarioReport hugeFaultOrder(DeviceUnderTest device, int rounds) {
        long start = System.nanoTime();
        LiveStats.GLOBAL.phase("huge-fault-order");
        InvariantLedger ledger = new InvariantLedger();
        Bar bar = device.primaryBar();
        var expect = device.faultExpectation(bar);
        FaultSizeProbe.Measurement m = FaultSizeProbe.check(device, bar, expect, rounds, ledger);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("faults", m.faults());
        counters.put("pages", m.pages());
        counters.put("expected_faults", expect.expectedFaults());
        counters.put("touch_ns", m.nanos());
        Map<String, String> facts = new LinkedHashMap<>(device.describe());
        facts.put("fault_expectation", expect.order() + ": " + expect.reason());
        return new ScenarioReport(start, ledger.outcomes(), Map.of(), counters, List.of(), facts);
    }

    static ScenarioReport hammer(String phase, DeviceUnderTest device, HammerConfig config,
            Disruptor disruptor) {
        long start = System.nanoTime();
        LiveStats.GLOBAL.phase(phase);
        InvariantLedger ledger = new InvariantLedger();
        HammerOutcome out = new HammerRun(device, config, disruptor, ledger).execute();
        LatencyBound.check(out.latencies().get(Metric.FAULT), device.profile(), ledger);
        Map<String, String> facts = new LinkedHashMap<>(device.describe());
        facts.put("pattern", config.pattern().id());
        if (disruptor != null) {
            facts.put("disruptor", disruptor.name());
        }
        return new ScenarioReport(start, ledger.outcomes(), out.latencies(), out.counters(), out.transitions(), facts);
    }
}
