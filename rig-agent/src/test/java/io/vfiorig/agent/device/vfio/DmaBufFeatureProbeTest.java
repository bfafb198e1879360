package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.uapi.DmaBufSeriesFeatures;
import io.vfiorig.vfio.uapi.VfioConst;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class DmaBufFeatureProbeTest {
    @Test
    public void aKernelWithDmaBufButWithoutTheSeries() {
        List<Integer> asked = new ArrayList<>();
        List<FeatureSupport> s = DmaBufFeatureProbe.probe(flags -> {
            asked.add(flags);
            return (flags & VfioConst.VFIO_DEVICE_FEATURE_MASK) == 11 ? 0 : Errno.ENOTTY;
        }, "7.3.4", DmaBufSeriesFeatures.forKernel("7.3.4"));
        assertEquals(asked, List.of(
                VfioConst.VFIO_DEVICE_FEATURE_PROBE | VfioConst.VFIO_DEVICE_FEATURE_GET | 11,
                VfioConst.VFIO_DEVICE_FEATURE_PROBE | VfioConst.VFIO_DEVICE_FEATURE_SET | 14,
                VfioConst.VFIO_DEVICE_FEATURE_PROBE | VfioConst.VFIO_DEVICE_FEATURE_SET | 15), "7.3 numbering");
        assertTrue(s.get(0).supported());
        assertEquals(s.get(0).describe(), "supported (id 11): mainline id (6.19+)");
        assertFalse(s.get(1).supported());
        assertEquals(s.get(1).name(), "DMA_BUF_REVOKE");
        assertTrue(s.get(1).reason().contains("PROBE|SET of 14 (DMA_BUF_REVOKE) on kernel 7.3.4: ENOTTY"), s.get(1).reason());
        assertTrue(s.get(1).reason().contains("default for 7.3+"), "says which numbering was used: " + s.get(1).reason());
    }

    @Test
    public void anOverrideAndAnOldKernelAreReportedAsSuch() {
        List<FeatureSupport> s = DmaBufFeatureProbe.probe(flags -> Errno.ENOTTY, "6.12.118",
                VfioOptions.parse(DeviceSpec.parse("vfio:0000:01:00.0,revoke-feature=13,memattr-feature=14")).seriesFor("6.12.118"));
        assertFalse(s.get(0).supported(), "6.12 has no DMA_BUF");
        assertTrue(s.get(0).reason().contains("on kernel 6.12.118: ENOTTY (the kernel does not know this feature id)"),
                s.get(0).reason());
        assertEquals(s.get(1).id(), 13);
        assertTrue(s.get(1).reason().contains("(override)"), s.get(1).reason());
        List<FeatureSupport> taken = DmaBufFeatureProbe.probe(flags -> Errno.EINVAL, "7.3.4", DmaBufSeriesFeatures.forKernel("7.3.4"));
        assertTrue(taken.get(1).reason().contains("another feature holds the number"), taken.get(1).reason());
    }

    @Test
    public void seriesOverridesMustComeInPairs() {
        assertTrue(org.testng.Assert.expectThrows(IllegalArgumentException.class, () -> VfioOptions.parse(
                DeviceSpec.parse("vfio:0000:01:00.0,revoke-feature=14"))).getMessage().contains("give both"));
        assertTrue(org.testng.Assert.expectThrows(IllegalArgumentException.class, () -> VfioOptions.parse(
                DeviceSpec.parse("vfio:0000:01:00.0,revoke-feature=11,memattr-feature=15"))).getMessage().contains("13..65535"));
    }
}
