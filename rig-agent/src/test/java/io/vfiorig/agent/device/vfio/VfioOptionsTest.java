package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.device.DeviceBackends;
import io.vfiorig.agent.device.DeviceSpec;
import java.util.Optional;
import java.util.OptionalInt;
import org.testng.annotations.Test;

public class VfioOptionsTest {
    private static VfioOptions parse(String s) {
        return VfioOptions.parse(DeviceSpec.parse(s));
    }

    @Test
    public void aBareAddressPicksTheApiAutomatically() {
        VfioOptions o = parse("vfio:0000:01:00.0");
        assertEquals(o.bdf(), "0000:01:00.0");
        assertEquals(o.api(), Optional.empty());
        assertEquals(o.bar(), OptionalInt.empty());
    }

    @Test
    public void apiAndBarAreTaken() {
        VfioOptions o = parse("vfio:0000:3B:00.1,api=group,bar=2");
        assertEquals(o.bdf(), "0000:3b:00.1", "sysfs names are lower case");
        assertEquals(o.api(), Optional.of(VfioApi.GROUP));
        assertEquals(o.bar(), OptionalInt.of(2));
        assertEquals(parse("vfio:0000:01:00.0,api=CDEV").api(), Optional.of(VfioApi.CDEV));
    }

    @Test
    public void badInputIsRefusedWithTheExpectedForm() {
        assertTrue(expectThrows(IllegalArgumentException.class, () -> parse("vfio")).getMessage()
                .contains("no PCI address; use vfio:BDF"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> parse("vfio:01:00.0")).getMessage()
                .contains("did you mean 0000:01:00.0"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> parse("vfio:0000:01:00.0,api=noiommu"))
                .getMessage().contains("not one of group, cdev"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> parse("vfio:0000:01:00.0,bar=6")).getMessage()
                .contains("bar=6 is not a BAR number 0..5"));
        assertTrue(expectThrows(IllegalArgumentException.class, () -> parse("vfio:0000:01:00.0,size=8M")).getMessage()
                .contains("unknown vfio option 'size'"));
    }

    @Test
    public void theBackendTableValidatesVfioSpecsWithoutOpening() {
        DeviceBackends.validate(DeviceSpec.parse("vfio:0000:01:00.0,api=cdev")); // no device here: nothing opened
        expectThrows(IllegalArgumentException.class, () -> DeviceBackends.validate(DeviceSpec.parse("vfio:nonsense")));
        assertTrue(DeviceBackends.KNOWN.contains(VfioOptions.USAGE));
    }

    @Test
    public void openingANonexistentDeviceNamesTheFix() {
        VfioOpenException e = expectThrows(VfioOpenException.class,
                () -> new VfioDevice(DeviceSpec.parse("vfio:00ff:ff:1f.7")).close());
        assertTrue(e.getMessage().contains("no such PCI device") && e.getMessage().contains("lspci -D"), e.getMessage());
    }
}
