package io.vfiorig.vfio.uapi;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.testutil.CsvTable;
import java.util.Map;
import java.util.TreeMap;
import org.testng.annotations.Test;

/** Request numbers against the reference table, and the names used in error messages. */
public class VfioIoctlTest {
    private static final CsvTable TABLE = CsvTable.load(VfioIoctlTest.class, "reference-uapi.csv");

    @Test
    public void everyRequestNumberMatchesTheReference() {
        Map<String, Long> expected = new TreeMap<>();
        TABLE.rows("ioctl").forEach(r -> expected.put(r.get(1), r.number(2)));
        assertTrue(expected.size() >= 29, "table lost ioctl rows: " + expected.size());
        // Same key set both ways: a constant missing from the code or from the table fails.
        assertEquals(VfioIoctl.all(), expected);
    }

    @Test
    public void ioIsTheUnsizedIoctlEncoding() {
        assertEquals(VfioIoctl.io(';', 100), 0x3B64L);
        assertEquals(VfioIoctl.io(';', 0x8F), 0x3B8FL);
        assertEquals(VfioIoctl.io('T', 1), 0x5401L);
        assertThrows(IllegalArgumentException.class, () -> VfioIoctl.io(';', 256));
    }

    @Test
    public void namesSharedNumbersWithEveryName() {
        assertEquals(VfioIoctl.name(0x3B70), "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO|VFIO_IOMMU_GET_INFO");
        assertEquals(VfioIoctl.name(0x3B71), "VFIO_DEVICE_PCI_HOT_RESET|VFIO_IOMMU_MAP_DMA");
        assertEquals(VfioIoctl.name(VfioIoctl.VFIO_DEVICE_GET_REGION_INFO), "VFIO_DEVICE_GET_REGION_INFO");
        assertEquals(VfioIoctl.name(VfioIoctl.IOMMU_IOAS_MAP_FILE), "IOMMU_IOAS_MAP_FILE");
    }

    @Test
    public void describePrintsNameAndHexAndFallsBackToHex() {
        assertEquals(VfioIoctl.describe(0x3B6C), "VFIO_DEVICE_GET_REGION_INFO 0x3b6c");
        assertEquals(VfioIoctl.describe(0x5401), "0x5401");
        assertEquals(VfioIoctl.name(0x5401), "0x5401");
    }

    @Test
    public void everyTableNameResolves() {
        for (CsvTable.Row row : TABLE.rows("ioctl")) {
            String name = VfioIoctl.name(row.number(2));
            assertNotNull(name);
            assertTrue(name.contains(row.get(1)), row.get(1) + " not in name '" + name + "' at " + TABLE.where(row));
        }
    }
}
