package io.vfiorig.controller.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The two databases the store runs on, recognised by their JDBC URL, each with its defaults. */
enum Dialect {
    SQLITE("jdbc:sqlite:") {
        @Override
        DataSource dataSource(String url) {
            Path file = sqliteFile(url);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of the result store " + file, e);
            }
            SQLiteConfig c = new SQLiteConfig();
            // WAL: readers never block the writer, and a killed process loses no committed result.
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit is on disk before the controller acknowledges the result to the agent.
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            c.setBusyTimeout(30_000);
            // 64 MiB of page cache per connection (negative: KiB) instead of 2 MiB: the writer's
            // index pages stay in memory instead of being read back from the file on every insert.
            c.setCacheSize(-65536);
            c.enforceForeignKeys(true);
            // Take the write lock at BEGIN, so two writers never deadlock upgrading a read lock.
            c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            // Parameters in the URL (?synchronous=NORMAL) override the defaults above.
            Properties p = c.toProperties();
            p.putAll(sqliteParameters(url));
            SQLiteDataSource ds = new SQLiteDataSource(new SQLiteConfig(p));
            ds.setUrl(url);
            return ds;
        }

        @Override
        boolean singleWriter() {
            return true;
        }

        @Override
        boolean copiesRows() {
            return false;
        }
    },

    POSTGRESQL("jdbc:postgresql:") {
        @Override
        DataSource dataSource(String url) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setApplicationName("vfio-rig controller");
            ds.setConnectTimeout(10);
            ds.setTcpKeepAlive(true);
            // One round trip per batch of child rows instead of one per row.
            ds.setReWriteBatchedInserts(true);
            try {
                ds.setURL(url); // after the defaults: parameters in the URL win
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + url
                        + " (expected jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD)", e);
            }
            return ds;
        }

        @Override
        boolean singleWriter() {
            return false;
        }

        @Override
        boolean copiesRows() {
            return true;
        }
    };

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    /** A data source opening new physical connections with this database's defaults. */
    abstract DataSource dataSource(String url);

    /** Whether the database takes one writer at a time (SQLite), so writers should queue in the JVM. */
    abstract boolean singleWriter();

    /** Whether a group's rows go in with {@code COPY} ({@link CopyBatch}) rather than batched INSERTs. */
    abstract boolean copiesRows();

    /**
     * @throws IllegalArgumentException for any other URL, saying which are supported
     */
    static Dialect of(String url) {
        if (url != null) {
            for (Dialect d : values()) {
                if (url.startsWith(d.prefix)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unsupported result store URL '" + url
                + "': use jdbc:sqlite:PATH (the embedded default) or jdbc:postgresql://HOST/DB?user=USER");
    }

    private static Map<String, String> sqliteParameters(String url) {
        int query = url.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0) {
            for (String kv : url.substring(query + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return params;
    }

    /** The file of a {@code jdbc:sqlite:} URL; an in-memory database would lose every result. */
    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.equals(":memory:") || params.contains("mode=memory")) {
            throw new IllegalArgumentException("the result store needs a file: use jdbc:sqlite:PATH, not '" + url + "'");
        }
        return Path.of(path);
    }
}
