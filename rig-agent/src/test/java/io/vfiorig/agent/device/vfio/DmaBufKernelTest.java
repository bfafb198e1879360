package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import java.util.List;
import org.testng.annotations.Test;

public class DmaBufKernelTest {
    private static List<FeatureSupport> probed(boolean dmaBuf, boolean revoke, boolean memattr) {
        return List.of(new FeatureSupport(11, "DMA_BUF", "GET", dmaBuf, dmaBuf ? "mainline" : "GET of 11: ENOTTY"),
                new FeatureSupport(14, "DMA_BUF_REVOKE", "SET", revoke, revoke ? "series" : "SET of 14: ENOTTY"),
                new FeatureSupport(15, "DMA_BUF_MEMATTR", "SET", memattr, memattr ? "series" : "SET of 15: ENOTTY"));
    }

    @Test
    public void theProbeAnswersPickTheColumnOfTheTable() {
        DmaBufSeriesFeatures f = DmaBufSeriesFeatures.forKernel("7.3.4");
        DmaBufKernel series = DmaBufKernel.of("7.3.4", f, probed(true, true, true));
        assertEquals(series.kind(), DmaBufKernel.Kind.SERIES);
        assertTrue(series.why().contains("DMA_BUF_REVOKE=14, DMA_BUF_MEMATTR=15"), series.why());
        DmaBufKernel debian = DmaBufKernel.of("7.3.4+deb13-amd64", f, probed(true, false, false));
        assertEquals(debian.kind(), DmaBufKernel.Kind.EXPORT_ONLY);
        assertTrue(debian.hasExport());
        assertFalse(debian.hasSeries());
        assertEquals(debian.why(), "SET of 14: ENOTTY", "the revoke probe's answer is the reason");
        assertEquals(debian.describe(), "kernel 7.3.4+deb13-amd64 (DMA_BUF export without the series)");
        DmaBufKernel old = DmaBufKernel.of("6.12.118", f, probed(false, false, false));
        assertEquals(old.kind(), DmaBufKernel.Kind.NO_DMA_BUF);
        assertEquals(old.why(), "GET of 11: ENOTTY");
    }

    @Test
    public void halfTheSeriesIsNotTheSeries() {
        DmaBufKernel k = DmaBufKernel.of("7.3.4", DmaBufSeriesFeatures.DEFAULT, probed(true, true, false));
        assertEquals(k.kind(), DmaBufKernel.Kind.EXPORT_ONLY);
        assertEquals(k.why(), "SET of 15: ENOTTY", "the missing memattr is named");
    }
}
