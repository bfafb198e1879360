package io.vfiorig.agent.scenario;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.util.Map;
import org.testng.annotations.Test;

public class ScenarioReportSkipTest {
    @Test
    public void aSkippedRowIsASkipWithItsReasonNeverAPass() {
        TestResult r = ScenarioReport.skipped("kernel 7.3.4: DMA_BUF_REVOKE(14) → ENOTTY", Map.of("kernel", "7.3.4"))
                .toResult("vfio-series", "DmaBufSeriesTest.dmaBufRevoke", "vm:edu", "vfio", 5);
        assertEquals(r.status(), TestStatus.SKIP);
        assertEquals(r.message(), "skipped: kernel 7.3.4: DMA_BUF_REVOKE(14) → ENOTTY");
        assertEquals(r.facts().get("kernel"), "7.3.4");
    }

    @Test
    public void aWrongAnswerFailsEvenWhenTheRowWouldSkip() {
        StepRecorder rec = new StepRecorder(Map.of());
        rec.step("revoke", false, "0", "ENOTTY");
        rec.skip("kernel without the series");
        TestResult r = rec.report().toResult("s", "t", "d", "vfio", 1);
        assertEquals(r.status(), TestStatus.FAIL);
        assertTrue(r.brokenInvariants().contains(Invariant.UAPI_ANSWER.id()), r.brokenInvariants().toString());
        assertTrue(r.message().contains("revoke: measured 0, the kernel owes ENOTTY"), r.message());
    }

    @Test
    public void answersAsOwedPassAndSayWhatWasMeasured() {
        StepRecorder rec = new StepRecorder(Map.of());
        rec.step("export", true, "fd 9", "a dma-buf fd");
        TestResult r = rec.report().toResult("s", "t", "d", "vfio", 1);
        assertEquals(r.status(), TestStatus.PASS);
        assertEquals(r.facts().get("step.export"), "fd 9");
    }
}
