package io.vfiorig.controller.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.testng.annotations.DataProvider;

/**
 * The one data provider every store test runs through: SQLite in a fresh file, and a real
 * PostgreSQL server with a fresh database. Databases are made lazily, inside the test, so a
 * server that cannot start fails the test instead of skipping it.
 */
public final class StoreBackends {
    private static final Path SQLITE_DIR = Path.of("target", "store-tests");

    /** A kind of database the store can open; {@link #newUrl()} makes an empty one. */
    public record Backend(String name, Supplier<String> urls) {
        public String newUrl() {
            return urls.get();
        }

        public boolean isSqlite() {
            return name.equals("sqlite");
        }

        @Override
        public String toString() {
            return name; // what TestNG prints as the parameter
        }
    }

    public static final Backend SQLITE = new Backend("sqlite", StoreBackends::newSqliteUrl);
    public static final Backend POSTGRESQL = new Backend("postgresql", PostgresServer::newDatabaseUrl);

    @DataProvider(name = "backends", propagateFailureAsTestFailure = true)
    public static Object[][] backends() {
        return new Object[][] {{SQLITE}, {POSTGRESQL}};
    }

    static String newSqliteUrl() {
        try {
            Files.createDirectories(SQLITE_DIR);
            Path dir = Files.createTempDirectory(SQLITE_DIR.toAbsolutePath(), "db-");
            return "jdbc:sqlite:" + dir.resolve("store.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
