package io.vfiorig.agent.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

public class KtapTest {
    private static final Pattern RESULT = Pattern.compile("^( *)(ok|not ok) (\\d+) ([^#]*?)( # .*)?$");
    private static final Pattern PLAN = Pattern.compile("^( *)1\\.\\.(\\d+)$");

    private final String ktap = Ktap.render(SampleResults.run());
    private final List<String> lines = ktap.lines().toList();

    @Test
    public void startsWithVersionAndPlanMatchingTopLevelResults() {
        assertEquals(lines.get(0), "KTAP version 1");
        assertEquals(lines.get(1), "1..5", ktap);
        List<String> top = lines.stream().filter(l -> l.startsWith("ok ") || l.startsWith("not ok ")).toList();
        assertEquals(top.size(), 5, ktap);
        for (int i = 0; i < top.size(); i++) {
            Matcher m = RESULT.matcher(top.get(i));
            assertTrue(m.matches(), top.get(i));
            assertEquals(Integer.parseInt(m.group(3)), i + 1, "numbers run 1..N: " + top.get(i));
        }
    }

    @Test
    public void everySubtestPlanMatchesItsResultLines() {
        int subtests = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher plan = PLAN.matcher(lines.get(i));
            if (!plan.matches() || plan.group(1).isEmpty()) {
                continue;
            }
            subtests++;
            String indent = plan.group(1);
            assertEquals(lines.get(i - 2), indent + "KTAP version 1");
            assertTrue(lines.get(i - 1).startsWith(indent + "# Subtest: "), lines.get(i - 1));
            int results = 0;
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(indent); j++) {
                if (RESULT.matcher(lines.get(j)).matches()) {
                    results++;
                }
            }
            assertEquals(results, Integer.parseInt(plan.group(2)), "subtest at line " + (i + 1) + ":\n" + ktap);
        }
        assertEquals(subtests, 2, "the two tests with invariants have subtests:\n" + ktap);
    }

    @Test
    public void passedTestHasNestedInvariantLines() {
        String block = String.join("\n",
                "    KTAP version 1",
                "    # Subtest: io.vfiorig.suites.RevokeTests.revokeWhileHammering",
                "    1..2",
                "    ok 1 no-access-while-revoked",
                "    ok 2 fault-size-as-expected # SKIP not exercised by this test",
                "ok 1 io.vfiorig.suites.RevokeTests.revokeWhileHammering");
        assertTrue(ktap.contains(block + "\n"), ktap);
    }

    @Test
    public void failedTestIsNotOkWithBrokenInvariantsDiagnosed() {
        assertTrue(ktap.contains("    ok 1 no-access-while-revoked\n"), ktap);
        assertTrue(ktap.contains("    # data-correct-after-restore: stale data after restore "
                + SampleResults.NASTY + " (3 violations)\n    not ok 2 data-correct-after-restore\n"), ktap);
        assertTrue(ktap.contains("    not ok 3 access-restored-after-restore\n"), ktap);
        assertTrue(ktap.contains("# 2 invariants broken " + SampleResults.NASTY
                + "\nnot ok 2 io.vfiorig.suites.RestoreTests.dataAfterRestore\n"), ktap);
    }

    @Test
    public void skipAndErrorAndInfrastructureLines() {
        assertTrue(lines.contains("ok 3 io.vfiorig.suites.FaultTests.hugeFaults # SKIP device has no 2 MiB BAR"),
                ktap);
        assertTrue(ktap.contains("# ERROR device did not come back after reset\n"
                + "not ok 4 io.vfiorig.suites.ResetTests.resetWhileMapped # ERROR\n"), ktap);
        assertTrue(ktap.contains("# ERROR probe-crash: probe JVM died: SIGSEGV (/tmp/run-42/hs_err_pid7.log)\n"
                + "not ok 5 infrastructure:probe-crash # ERROR\n"), ktap);
    }

    @Test
    public void hashesInNamesAreSanitised() {
        TestResult t = new TestResult(0, "smoke", "a.Weird#Class.m#1", "sim", "sim", TestStatus.PASS, 1, "",
                List.of(new InvariantOutcome("inv#1", InvariantOutcome.Status.PASS, 0, "ok", List.of())),
                List.of(), Map.of(), List.of(), Map.of());
        String out = Ktap.render(SampleResults.with(List.of(t), List.of()));
        assertTrue(out.contains("\nok 1 a.Weird_Class.m_1\n"), out);
        assertTrue(out.contains("    ok 1 inv_1\n"), out);
        assertTrue(out.startsWith("KTAP version 1\n1..1\n"), out);
        assertFalse(out.contains("m#1"), out);
    }

    @Test
    public void writeStoresTheRenderedText() throws IOException {
        Path file = Files.createTempDirectory("ktap").resolve("results.ktap");
        Ktap.write(SampleResults.run(), file);
        assertEquals(Files.readString(file), ktap);
        Files.delete(file);
        Files.delete(file.getParent());
    }
}
