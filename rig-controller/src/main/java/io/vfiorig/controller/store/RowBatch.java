package io.vfiorig.controller.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;

/**
 * A plain JDBC batch on the handle's connection, for the ingest path: Jdbi's per-argument type lookups
 * were most of the committer's time at tens of thousands of rows per second. Values are set left to
 * right; {@link #add} ends a row of the batch, {@link #update} runs a single row. A database error
 * is an {@link IllegalStateException} naming the statement.
 */
final class RowBatch implements RowSink {
    private final String sql;
    private final PreparedStatement ps;
    private int column;
    private int rows;

    RowBatch(Handle h, String sql) {
        this.sql = sql;
        try {
            this.ps = h.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public RowBatch text(String v) {
        try {
            if (v == null) {
                ps.setNull(++column, Types.VARCHAR);
            } else {
                ps.setString(++column, v);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return this;
    }

    @Override
    public RowBatch integer(long v) {
        try {
            ps.setLong(++column, v);
        } catch (SQLException e) {
            throw failed(e);
        }
        return this;
    }

    RowBatch real(double v) {
        try {
            ps.setDouble(++column, v);
        } catch (SQLException e) {
            throw failed(e);
        }
        return this;
    }

    RowBatch bytes(byte[] v) {
        try {
            ps.setBytes(++column, v);
        } catch (SQLException e) {
            throw failed(e);
        }
        return this;
    }

    @Override
    public void add() {
        try {
            ps.addBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
        column = 0;
        rows++;
    }

    /** Executes the values set so far as one statement, not batched: for a row whose update count matters. */
    int update() {
        try {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            column = 0;
        }
    }

    @Override
    public void execute() {
        if (rows == 0) {
            return;
        }
        try {
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
        rows = 0;
    }

    @Override
    public void close() {
        try {
            ps.close();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("batch " + sql.strip().lines().findFirst().orElse(sql) + ": " + e.getMessage(), e);
    }
}
