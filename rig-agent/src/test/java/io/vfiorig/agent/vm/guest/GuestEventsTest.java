package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.EventLog;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class GuestEventsTest {
    @Test
    public void resultsAreNamedAsTheUserAskedAndKeepTheGuestsBackendAndKernel() throws Exception {
        GuestPlan plan = GuestPlan.of(List.of("vm:edu", "vm:edu,api=group"));
        Path file = Files.createTempDirectory("guest-events").resolve("events.jsonl");
        List<String> seen = new ArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void testStarted(String test) {
                seen.add("start " + test);
            }

            @Override
            public void result(TestResult r) {
                seen.add("result " + r.device());
            }
        };
        GuestEvents events = new GuestEvents(file, file.resolveSibling("console.log"), plan, Map.of("vm.kernel", "/k/bzImage"),
                listener);
        events.drain(); // no file yet: nothing, no error
        Environment guestEnv = new Environment("(none)", "7.3.4", "#2 SMP", "amd64", 1, "25", "0.1.0");
        try (EventLog log = new EventLog(file)) {
            log.emit(ProbeEvent.env(guestEnv));
            log.emit(ProbeEvent.testStart("RevokeUnderLoadTest.revokeUnderLoad"));
            log.emit(ProbeEvent.result(result("vfio:0000:01:00.0,api=group")));
        }
        events.drain();
        assertEquals(events.environment().kernelRelease(), "7.3.4", "the guest's kernel, not the host's");
        assertEquals(seen, List.of("start RevokeUnderLoadTest.revokeUnderLoad", "result vm:edu,api=group"));
        TestResult r = events.results().getFirst();
        assertEquals(r.backend(), "vfio");
        assertEquals(r.facts().get("vm.guest_device"), "vfio:0000:01:00.0,api=group");
        assertEquals(r.facts().get("vm.kernel"), "/k/bzImage");
        assertEquals(r.facts().get("vfio.api"), "group", "the guest's own facts are kept");
        assertFalse(events.ended());
        assertEquals(events.running(), "");
        Files.writeString(file, "{\"type\":\"suite-end\"}\n{\"type\":\"res", java.nio.file.StandardOpenOption.APPEND);
        events.drain();
        assertTrue(events.ended());
    }

    @Test
    public void aThreadStuckInTheGuestKernelGetsTheConsolesSysrqDumpAndTearsTheGuestDown() throws Exception {
        GuestPlan plan = GuestPlan.of(List.of("vm:edu"));
        Path dir = Files.createTempDirectory("guest-events");
        Path file = dir.resolve("events.jsonl");
        Path console = dir.resolve("console.log");
        Files.writeString(console, """
                [    9.101] rig-init: payload start
                [   21.433] sysrq: Show Blocked State
                [   21.434] task:disruptor-rev state:D stack:0     pid:231   tgid:200   ppid:1      flags:0x00004002
                [   21.435] Call Trace:
                [   21.435]  <TASK>
                [   21.436]  wait_for_vfork_done+0x2c/0x50
                [   21.437]  kernel_clone+0x1f0/0x3c0
                [   21.438]  </TASK>
                [   21.440] vfio-rig: sysrq-w dump complete
                """);
        GuestEvents events = new GuestEvents(file, console, plan, Map.of(), new ProbeListener() {});
        InvariantOutcome stuck = new InvariantOutcome("no-stuck-thread", InvariantOutcome.Status.FAIL, 1,
                "1 violation(s)", List.of(Evidence.of("disruptor-revoke-restore (tid 231) stuck\nstate: D")));
        TestResult r = new TestResult(0, "selftest-stuck", "StuckInKernelCanaryTest.revokeStuckInTheKernel",
                "vfio:0000:01:00.0", "vfio", TestStatus.FAIL, 9000, "broken invariants", List.of(stuck), List.of(), Map.of(),
                List.of(), Map.of());
        try (EventLog log = new EventLog(file)) {
            log.emit(ProbeEvent.result(r));
        }
        assertFalse(events.tornDown());
        events.drain();
        assertTrue(events.tornDown(), "the supervisor tears the guest down after a stuck thread");
        TestResult got = events.results().getFirst();
        assertEquals(got.status(), TestStatus.FAIL, "a finding, not an infrastructure error");
        List<Evidence> ev = got.invariants().getFirst().evidence();
        assertEquals(ev.size(), 2, "the probe's evidence, then the console's");
        String dump = ev.get(1).detail();
        assertTrue(dump.startsWith("sysrq-w on the guest's console:\n[   21.433] sysrq: Show Blocked State\n"), dump);
        assertTrue(dump.contains("kernel_clone+0x1f0/0x3c0\n[   21.438]  </TASK>"), dump);
        assertFalse(dump.contains("dump complete") || dump.contains("\r"), dump);
        assertTrue(got.facts().get("vm.teardown").contains("torn down"), got.facts().toString());
    }

    @Test
    public void aDumpWithoutItsEndMarkerIsNotCompleteYet() {
        String partial = "x\n[ 1.0] sysrq: Show Blocked State\n[ 1.1] task:java state:D\n";
        assertEquals(ConsoleSysrqDump.find(partial, true), java.util.Optional.empty());
        assertEquals(ConsoleSysrqDump.find(partial, false).orElseThrow(), "[ 1.0] sysrq: Show Blocked State\n[ 1.1] task:java state:D");
        assertEquals(ConsoleSysrqDump.find("no dump here", false), java.util.Optional.empty());
    }

    private static TestResult result(String device) {
        return new TestResult(0, "smoke", "RevokeUnderLoadTest.revokeUnderLoad", device, "vfio", TestStatus.PASS, 1200, "",
                List.of(), List.of(), Map.of("sigbus", 12L), List.of(), Map.of("vfio.api", "group"));
    }
}
