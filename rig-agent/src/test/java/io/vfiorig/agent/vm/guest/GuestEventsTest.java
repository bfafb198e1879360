package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

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
        GuestEvents events = new GuestEvents(file, plan, Map.of("vm.kernel", "/k/bzImage"), listener);
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

    private static TestResult result(String device) {
        return new TestResult(0, "smoke", "RevokeUnderLoadTest.revokeUnderLoad", device, "vfio", TestStatus.PASS, 1200, "",
                List.of(), List.of(), Map.of("sigbus", 12L), List.of(), Map.of("vfio.api", "group"));
    }
}
