package io.vfiorig.controller.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * A small bounded pool of JDBC connections for JDBI (HikariCP is not on the class path). Bounded,
 * so many agent streams queue for a connection instead of opening a server process each; a
 * connection idle for a while is validated before reuse, a closed one is dropped.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {
    private static final long VALIDATE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long WAIT_SECONDS = 60;

    private final DataSource source;
    private final int size;
    private final Semaphore permits;
    // Most recently returned first: warm connections get reused, cold ones age out.
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private record Idle(Connection connection, long sinceNanos) {}

    ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the result store is closed");
        }
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("all " + size + " store connections stayed busy for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a store connection", e);
        }
        try {
            Idle i;
            while ((i = idle.pollFirst()) != null) {
                if (System.nanoTime() - i.sinceNanos() < VALIDATE_AFTER_NANOS || i.connection().isValid(5)) {
                    return i.connection();
                }
                closeQuietly(i.connection());
            }
            return source.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void closeConnection(Connection c) {
        try {
            if (closed || c.isClosed()) {
                closeQuietly(c);
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            idle.offerFirst(new Idle(c, System.nanoTime()));
            if (closed) {
                drain(); // close() ran meanwhile
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    /** Closes the idle connections; connections in use are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.connection());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing to do: the connection is being discarded.
        }
    }
}
