package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.probe.EventTail;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the guest probe's events.jsonl in the results share (9p writes land in the host file as
 * they happen) and turns it into results: each named by the host spec the user gave
 * ({@code vm:edu}), carrying the guest spec and kernel in its facts. The backend stays what the
 * guest reported ({@code vfio}).
 */
final class GuestEvents {
    private final EventTail tail;
    private final GuestPlan plan;
    private final Map<String, String> extraFacts;
    private final ProbeListener listener;
    private final List<TestResult> results = new ArrayList<>();
    private Environment env;
    private String running = "";
    private boolean ended;

    GuestEvents(Path events, GuestPlan plan, Map<String, String> extraFacts, ProbeListener listener) {
        this.tail = new EventTail(events);
        this.plan = plan;
        this.extraFacts = Map.copyOf(extraFacts);
        this.listener = listener;
    }

    void drain() throws IOException {
        for (ProbeEvent e : tail.poll()) {
            switch (e.type()) {
                case "env" -> env = e.env();
                case "test-start" -> {
                    running = e.test();
                    listener.testStarted(e.test());
                }
                case "progress" -> listener.progress(e.progress());
                case "result" -> {
                    TestResult r = rename(e.result()).withSequence(results.size());
                    results.add(r);
                    running = "";
                    listener.result(r);
                }
                case "suite-end" -> ended = true;
                default -> { } // a newer probe's event type
            }
        }
    }

    private TestResult rename(TestResult r) {
        Map<String, String> facts = new LinkedHashMap<>(r.facts());
        facts.put("vm.guest_device", r.device());
        facts.putAll(extraFacts);
        return new TestResult(r.sequence(), r.suite(), r.test(), plan.hostSpecFor(r.device()), r.backend(), r.status(),
                r.durationMs(), r.message(), r.invariants(), r.latencies(), r.counters(), r.timeline(), facts);
    }

    List<TestResult> results() {
        return results;
    }

    Environment environment() {
        return env;
    }

    String running() {
        return running;
    }

    boolean ended() {
        return ended;
    }

    long malformedLines() {
        return tail.malformedLines();
    }
}
