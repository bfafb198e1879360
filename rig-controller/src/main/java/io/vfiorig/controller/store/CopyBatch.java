package io.vfiorig.controller.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (CSV), within the caller's transaction: a group of
 * thousands of rows as multi-row {@code INSERT}s spent most of the server's time parsing and planning
 * the statements. CSV keeps NULL (an unquoted empty field) apart from the empty string ({@code ""}).
 */
final class CopyBatch implements RowSink {
    private final Connection connection;
    private final String copy;
    private final StringBuilder csv = new StringBuilder();
    private boolean firstInRow = true;
    private int rows;

    /** @param table and {@code columns} as in {@code COPY table (columns) FROM STDIN} */
    CopyBatch(Connection connection, String table, String columns) {
        this.connection = connection;
        this.copy = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    }

    @Override
    public CopyBatch text(String v) {
        separate();
        if (v != null) {
            csv.append('"');
            if (v.indexOf('"') < 0) {
                csv.append(v); // the usual case, copied in bulk
            } else {
                for (int i = 0; i < v.length(); i++) {
                    char ch = v.charAt(i);
                    csv.append(ch);
                    if (ch == '"') {
                        csv.append('"');
                    }
                }
            }
            csv.append('"');
        }
        return this;
    }

    @Override
    public CopyBatch integer(long v) {
        separate();
        csv.append(v);
        return this;
    }

    @Override
    public void add() {
        csv.append('\n');
        firstInRow = true;
        rows++;
    }

    @Override
    public void execute() {
        if (rows == 0) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy,
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(copy + ": " + e.getMessage(), e);
        }
        csv.setLength(0);
        rows = 0;
    }

    @Override
    public void close() {
        csv.setLength(0);
    }

    private void separate() {
        if (!firstInRow) {
            csv.append(',');
        }
        firstInRow = false;
    }
}
