package io.vfiorig.vfio.uapi;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.testutil.CsvTable;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.testng.annotations.Test;

/** Every struct's size and every field's offset against the table transcribed from the reference. */
public class VfioLayoutsTest {
    private static final CsvTable TABLE = CsvTable.load(VfioLayoutsTest.class, "reference-uapi.csv");

    @Test
    public void structSizesMatchTheReference() {
        List<CsvTable.Row> rows = TABLE.rows("size");
        assertTrue(rows.size() >= 29, "table lost rows: " + rows.size());
        for (CsvTable.Row row : rows) {
            StructLayout layout = layout(row);
            assertEquals(layout.byteSize(), row.number(2), "sizeof(" + row.get(1) + ") at " + TABLE.where(row));
        }
    }

    @Test
    public void fieldOffsetsMatchTheReference() {
        List<CsvTable.Row> rows = TABLE.rows("offset");
        assertTrue(rows.size() >= 120, "table lost rows: " + rows.size());
        for (CsvTable.Row row : rows) {
            StructLayout layout = layout(row);
            PathElement[] path = Arrays.stream(row.get(2).split("\\."))
                    .map(PathElement::groupElement).toArray(PathElement[]::new);
            assertEquals(layout.byteOffset(path), row.number(3),
                    "offsetof(" + row.get(1) + ", " + row.get(2) + ") at " + TABLE.where(row));
        }
    }

    @Test
    public void everyLayoutAndEveryFieldIsInTheTable() {
        Set<String> sized = new TreeSet<>();
        TABLE.rows("size").forEach(r -> sized.add(r.get(1)));
        Set<String> fields = new TreeSet<>();
        TABLE.rows("offset").forEach(r -> fields.add(r.get(1) + "." + r.get(2)));

        List<String> missing = new ArrayList<>();
        VfioLayouts.all().forEach((name, layout) -> {
            if (!sized.contains(name)) {
                missing.add("size of " + name);
            }
            for (String f : fieldPaths(layout, "")) {
                if (!fields.contains(name + "." + f)) {
                    missing.add("offset of " + name + "." + f);
                }
            }
        });
        assertTrue(missing.isEmpty(), "not checked against the reference table: " + missing);
        assertEquals(sized, new TreeSet<>(VfioLayouts.all().keySet()), "table has sizes for structs the code lacks");
    }

    @Test
    public void allReturnsLayoutsUnderTheirCNames() {
        assertEquals(VfioLayouts.all().get("vfio_region_info"), VfioLayouts.VFIO_REGION_INFO);
        assertEquals(VfioLayouts.all().get("iommu_ioas_map_file"), VfioLayouts.IOMMU_IOAS_MAP_FILE);
        assertEquals(VfioLayouts.all().size(), 29);
    }

    private static StructLayout layout(CsvTable.Row row) {
        StructLayout layout = VfioLayouts.all().get(row.get(1));
        assertNotNull(layout, "no layout named " + row.get(1) + " (" + TABLE.where(row) + ")");
        return layout;
    }

    private static List<String> fieldPaths(GroupLayout group, String prefix) {
        List<String> out = new ArrayList<>();
        for (MemoryLayout member : group.memberLayouts()) {
            if (member instanceof PaddingLayout) {
                continue;
            }
            String name = prefix + member.name().orElseThrow(() -> new AssertionError("unnamed member in " + group));
            out.add(name);
            if (member instanceof GroupLayout nested) {
                out.addAll(fieldPaths(nested, name + "."));
            }
        }
        return out;
    }
}
