package io.vfiorig.vfio.ffm;

import static org.testng.Assert.assertEquals;

import io.vfiorig.vfio.testutil.CsvTable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.testng.annotations.Test;

/** Libc and Errno constants against values printed by gcc on x86_64 (libc-x86_64.csv). */
public class LibcConstantsTest {
    private static final CsvTable TABLE = CsvTable.load(LibcConstantsTest.class, "libc-x86_64.csv");

    @Test
    public void libcConstantsMatchC() {
        assertEquals(publicInts(Libc.class), expected("const"));
    }

    @Test
    public void errnoValuesMatchC() {
        assertEquals(publicInts(Errno.class), expected("errno"));
    }

    @Test
    public void errnoNamesRoundTrip() {
        for (CsvTable.Row row : TABLE.rows("errno")) {
            assertEquals(Errno.name((int) row.number(2)), row.get(1), TABLE.where(row));
        }
        assertEquals(Errno.name(4095), "errno 4095");
    }

    private static Map<String, Long> expected(String kind) {
        Map<String, Long> out = new TreeMap<>();
        TABLE.rows(kind).forEach(r -> out.put(r.get(1), r.number(2)));
        return out;
    }

    private static Map<String, Long> publicInts(Class<?> type) {
        Map<String, Long> out = new TreeMap<>();
        for (Field f : type.getDeclaredFields()) {
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
