package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.EventTail;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the guest probe's events.jsonl in the results share (9p writes land in the host file as
 * they happen) and turns it into results: each named by the host spec the user gave
 * ({@code vm:edu}), carrying the guest spec and kernel in its facts. The backend stays what the
 * guest reported ({@code vfio}).
 *
 * <p>A result whose thread got stuck in the guest's kernel ({@code no-stuck-thread} violated) gets
 * the serial console's sysrq-w dump added to that invariant's evidence, and asks for the guest to
 * be torn down ({@link #tornDown()}): a kernel with a stuck task tells nothing more reliable.
 */
final class GuestEvents {
    /** How long the console may lag behind the result for the sysrq-w dump (a slow TCG serial port). */
    static final Duration CONSOLE_WAIT = Duration.ofSeconds(20);
    private final EventTail tail;
    private final GuestPlan plan;
    private final Map<String, String> extraFacts;
    private final ProbeListener listener;
    private final List<TestResult> results = new ArrayList<>();
    private Environment env;
    private String running = "";
    private boolean ended;
    private final Path console;
    private volatile boolean tornDown;

    GuestEvents(Path events, Path console, GuestPlan plan, Map<String, String> extraFacts, ProbeListener listener) {
        this.tail = new EventTail(events);
        this.console = console;
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
                    if (!tornDown && stuckInKernel(r)) {
                        r = withConsoleDump(r);
                        tornDown = true;
                    }
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

    private static boolean stuckInKernel(TestResult r) {
        return r.brokenInvariants().contains(Invariant.NO_STUCK_THREAD.id());
    }

    private TestResult withConsoleDump(TestResult r) {
        InvariantOutcome stuck = r.invariants().stream()
                .filter(o -> o.invariant().equals(Invariant.NO_STUCK_THREAD.id())).findFirst().orElseThrow();
        List<Evidence> evidence = new ArrayList<>(stuck.evidence());
        evidence.add(new Evidence(0, "serial console", -1, null, "sysrq-w on the guest's console:\n"
                + ConsoleSysrqDump.await(console, CONSOLE_WAIT)));
        Map<String, String> facts = new LinkedHashMap<>(r.facts());
        facts.put("vm.teardown", "the guest was torn down after this stuck thread; the rest of the suite did not run");
        return r.withFacts(facts).withInvariant(new InvariantOutcome(stuck.invariant(), stuck.status(), stuck.violations(),
                stuck.summary(), evidence));
    }

    /** A stuck thread was recorded: the guest has nothing more to say and may be stopped. */
    boolean tornDown() {
        return tornDown;
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
