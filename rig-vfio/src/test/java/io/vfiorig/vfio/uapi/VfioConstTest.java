package io.vfiorig.vfio.uapi;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.testutil.CsvTable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.testng.annotations.Test;

/** Feature ids and constants against the reference table; every public int of VfioConst must be listed. */
public class VfioConstTest {
    private static final CsvTable TABLE = CsvTable.load(VfioConstTest.class, "reference-uapi.csv");

    @Test
    public void featureIdsMatchTheReference() {
        Map<String, Long> features = new TreeMap<>();
        TABLE.rows("feature").forEach(r -> features.put(r.get(1), r.number(2)));
        assertEquals(features.size(), 14, "ids 0..13 expected in the table");
        Map<String, Long> actual = new TreeMap<>(constants());
        actual.keySet().retainAll(features.keySet());
        assertEquals(actual, features);
        assertEquals(VfioConst.VFIO_DEVICE_FEATURE_DMA_BUF, 11);
    }

    @Test
    public void constantsMatchTheReferenceAndAreAllListed() {
        Map<String, Long> expected = new TreeMap<>();
        TABLE.rows("const").forEach(r -> expected.put(r.get(1), r.number(2)));
        TABLE.rows("feature").forEach(r -> expected.put(r.get(1), r.number(2)));
        assertEquals(constants(), expected);
    }

    @Test
    public void featureNamesForMessages() {
        assertEquals(VfioConst.featureName(11), "DMA_BUF");
        assertEquals(VfioConst.featureName(2), "MIG_DEVICE_STATE");
        // 13 and up differ between kernels: no name is better than a wrong one.
        assertEquals(VfioConst.featureName(14), "feature 14");
        assertTrue(VfioConst.featureName(13).startsWith("feature"));
    }

    private static Map<String, Long> constants() {
        Map<String, Long> out = new TreeMap<>();
        for (Field f : VfioConst.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == int.class) {
                try {
                    out.put(f.getName(), (long) f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
