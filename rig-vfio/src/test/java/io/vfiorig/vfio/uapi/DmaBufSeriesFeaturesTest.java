package io.vfiorig.vfio.uapi;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.testutil.CsvTable;
import java.util.List;
import org.testng.annotations.Test;

/** The series' feature numbers per kernel (reference section 5). */
public class DmaBufSeriesFeaturesTest {
    private static final CsvTable TABLE = CsvTable.load(DmaBufSeriesFeaturesTest.class, "reference-uapi.csv");

    @Test
    public void forKernelFollowsTheReference() {
        List<CsvTable.Row> rows = TABLE.rows("series");
        assertEquals(rows.size(), 5);
        for (CsvTable.Row row : rows) {
            DmaBufSeriesFeatures f = DmaBufSeriesFeatures.forKernel(row.get(1));
            String at = row.get(1) + " (" + TABLE.where(row) + ")";
            assertEquals(f.revoke(), row.number(2), "revoke id for " + at);
            assertEquals(f.memattr(), row.number(3), "memattr id for " + at);
            String expected = row.get(4).substring(2);
            if (row.get(4).startsWith("= ")) {
                assertEquals(f.source(), expected, "source for " + at);
            } else {
                assertTrue(row.get(4).startsWith("~ "), "bad match column at " + TABLE.where(row));
                assertTrue(f.source().contains(expected), "source '" + f.source() + "' for " + at);
            }
        }
    }

    @Test
    public void unknownKernelsGetTheDefaultButSaySo() {
        DmaBufSeriesFeatures old = DmaBufSeriesFeatures.forKernel("6.12.118");
        assertTrue(old.source().startsWith(DmaBufSeriesFeatures.DEFAULT_SOURCE), old.source());
        assertTrue(old.source().contains("6.12.118"), old.source());
        assertFalse(DmaBufSeriesFeatures.forKernel("7.3.4").source().contains("no known"));
        // 7.2 is between the v4 base and the ZPCI_ERROR renumbering: not known either.
        assertTrue(DmaBufSeriesFeatures.forKernel("7.2.1").source().contains("no known"));
        assertTrue(DmaBufSeriesFeatures.forKernel("banana").source().contains("unparseable"));
        assertTrue(DmaBufSeriesFeatures.forKernel(null).source().contains("unparseable"));
    }

    @Test
    public void overrideSaysOverride() {
        DmaBufSeriesFeatures f = DmaBufSeriesFeatures.of(20, 21);
        assertEquals(f.revoke(), 20);
        assertEquals(f.memattr(), 21);
        assertEquals(f.source(), "override");
        assertEquals(f.describe(), "DMA_BUF_REVOKE=20, DMA_BUF_MEMATTR=21 (override)");
    }

    @Test
    public void rejectsIdsThatCannotBeTheSeries() {
        assertThrows(IllegalArgumentException.class, () -> DmaBufSeriesFeatures.of(11, 14)); // mainline DMA_BUF
        assertThrows(IllegalArgumentException.class, () -> DmaBufSeriesFeatures.of(14, 14));
        assertThrows(IllegalArgumentException.class, () -> DmaBufSeriesFeatures.of(14, 0x10000));
    }
}
