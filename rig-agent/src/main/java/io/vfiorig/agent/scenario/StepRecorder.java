package io.vfiorig.agent.scenario;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.vfio.VfioDevice;
import io.vfiorig.agent.engine.LiveStats;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * The steps of one table row: each step's measured answer against the answer the kernel owes
 * ({@link Invariant#UAPI_ANSWER}), the facts for the result, and a skip with its reason when the
 * kernel does not have what the row tests. A skip is never a pass; a wrong answer fails even then.
 */
final class StepRecorder {
    private final long start = System.nanoTime();
    private final InvariantLedger ledger = new InvariantLedger();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final List<String> passed = new ArrayList<>();
    private String skip;

    StepRecorder(Map<String, String> deviceFacts) {
        facts.putAll(deviceFacts);
    }

    InvariantLedger ledger() {
        return ledger;
    }

    /** Records one step: {@code measured} is what the kernel did, {@code owed} what it must do. */
    boolean step(String name, boolean asOwed, String measured, String owed) {
        facts.put("step." + name, measured + (asOwed ? "" : " (owed: " + owed + ")"));
        if (asOwed) {
            passed.add(name + ": " + measured);
        } else {
            ledger.violate(Invariant.UAPI_ANSWER, Evidence.of(name + ": measured " + measured + ", the kernel owes " + owed));
        }
        return asOwed;
    }

    void fact(String key, String value) {
        facts.put(key, value);
    }

    String factValue(String key) {
        return facts.getOrDefault(key, "");
    }

    void count(String key, long value) {
        counters.put(key, value);
    }

    /** The row does not apply to this kernel or device; the first reason wins. */
    void skip(String reason) {
        if (skip == null) {
            skip = reason;
        }
    }

    /** One 32-bit read, or empty on SIGBUS (HotSpot's InternalError). */
    static OptionalInt read(MemorySegment mem, long offset) {
        try {
            return OptionalInt.of(DeviceAccess.read32(mem, offset));
        } catch (InternalError sigbus) {
            return OptionalInt.empty();
        }
    }

    /** One 32-bit write; false on SIGBUS. */
    static boolean write(MemorySegment mem, long offset, int value) {
        try {
            DeviceAccess.write32(mem, offset, value);
            return true;
        } catch (InternalError sigbus) {
            return false;
        }
    }

    static String show(OptionalInt v) {
        return v.isPresent() ? String.format("0x%08x", v.getAsInt()) : "SIGBUS";
    }

    /**
     * Runs {@code body} on a vfio-pci device with a fresh recorder; other backends get a skip saying
     * {@code needs}.
     */
    static ScenarioReport onVfio(String phase, DeviceUnderTest device, String needs,
            BiConsumer<VfioDevice, StepRecorder> body) {
        LiveStats.GLOBAL.phase(phase);
        if (!(device instanceof VfioDevice v)) {
            return ScenarioReport.skipped("backend " + device.backend() + " " + needs, device.describe());
        }
        StepRecorder rec = new StepRecorder(v.describe());
        body.accept(v, rec);
        return rec.report();
    }

    ScenarioReport report() {
        if (!passed.isEmpty()) {
            ledger.exercised(Invariant.UAPI_ANSWER, String.join("; ", passed));
        }
        if (skip != null) {
            facts.put(ScenarioReport.SKIP_REASON, skip);
        }
        return new ScenarioReport(start, ledger.outcomes(), Map.of(), counters, List.of(), facts);
    }
}
