package io.vfiorig.agent.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class SummaryTableTest {
    private final String table = SummaryTable.render(SampleResults.run());
    private final List<String> lines = table.lines().toList();

    @Test
    public void headerAndOneRowPerTest() {
        assertTrue(lines.get(0).startsWith("TEST"), table);
        for (String column : List.of("DEVICE", "STATUS", "FAULTS", "p99 FAULT µs", "REVOKES", "BROKEN INVARIANTS")) {
            assertTrue(lines.get(0).contains(column), column + " missing:\n" + table);
        }
        assertTrue(lines.get(1).startsWith("revokeWhileHammering "), table);
        assertTrue(lines.get(2).startsWith("dataAfterRestore "), table);
        assertTrue(lines.get(3).startsWith("hugeFaults "), table);
        assertTrue(lines.get(4).startsWith("resetWhileMapped "), table);
        int statusColumn = lines.get(0).indexOf("STATUS");
        assertEquals(lines.get(2).substring(statusColumn, statusColumn + 4), "FAIL", "columns line up:\n" + table);
    }

    @Test
    public void showsCountersP99AndBrokenInvariants() {
        String p99 = SummaryTable.micros(SampleResults.faultLatency().p99(), "ns");
        assertTrue(p99.startsWith("99"), "1..1000 µs has a p99 near 990 µs, got " + p99);
        assertTrue(lines.get(1).matches(".*\\b1000 +" + p99.replace(".", "\\.") + " +37\\s+-$"), lines.get(1));
        assertTrue(lines.get(2).endsWith("data-correct-after-restore,access-restored-after-restore"), table);
        assertTrue(lines.get(3).matches(".*SKIP +- +- +- +-$"), lines.get(3));
    }

    @Test
    public void infraErrorAndTotalsLines() {
        assertTrue(lines.contains("INFRA probe-crash: probe JVM died: SIGSEGV (/tmp/run-42/hs_err_pid7.log)"),
                table);
        assertEquals(lines.get(lines.size() - 1), "4 tests: 1 passed, 1 failed, 1 skipped, 1 error");
    }

    @Test
    public void totalsCountEachStatusSeparately() {
        TestResult pass = SampleResults.passed();
        TestResult skip = SampleResults.skipped();
        TestResult error = SampleResults.errored();
        String out = SummaryTable.render(SampleResults.with(
                List.of(pass, pass, pass, SampleResults.failed(), skip, skip, error, error, error, error), List.of()));
        assertTrue(out.endsWith("\n10 tests: 3 passed, 1 failed, 2 skipped, 4 errors\n"), out);
        assertFalse(out.contains("INFRA"), out);
    }

    @Test
    public void longDeviceNamesAreTruncated() {
        String device = "sim:bug=stale-mapping,size=64M,latency=slow,seed=1234567890";
        TestResult t = new TestResult(0, "smoke", "a.B.m", device, "sim", TestStatus.PASS, 1, "", List.of(),
                List.of(), Map.of(), List.of(), Map.of());
        String out = SummaryTable.render(SampleResults.with(List.of(t, t), List.of()));
        assertFalse(out.contains(device), out);
        assertTrue(out.contains(device.substring(0, 27) + "…"), out);
        assertTrue(out.endsWith("2 tests: 2 passed, 0 failed, 0 skipped, 0 errors\n"), out);
    }
}
