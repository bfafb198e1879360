package io.vfiorig.vfio.testutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A comma-separated expectation table from src/test/resources: '#' starts a comment line. */
public final class CsvTable {
    private final String resource;
    private final List<Row> rows;

    /** One data line, with its line number for failure messages. */
    public record Row(int line, List<String> cells) {
        public String get(int i) {
            return cells.get(i);
        }

        public long number(int i) {
            String s = cells.get(i);
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        }
    }

    private CsvTable(String resource, List<Row> rows) {
        this.resource = resource;
        this.rows = rows;
    }

    public static CsvTable load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name + " next to " + anchor.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Row> rows = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                rows.add(new Row(n, List.of(t.split(",", -1)).stream().map(String::strip).toList()));
            }
            return new CsvTable(name, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Row> rows(String kind) {
        return rows.stream().filter(r -> r.get(0).equals(kind)).toList();
    }

    public String where(Row row) {
        return resource + ":" + row.line();
    }
}
