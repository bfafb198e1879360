package io.vfiorig.controller.store;

import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies the store's Flyway migrations ({@code classpath:db/migration} SQL scripts and the Java
 * migrations of this package, one set for SQLite and PostgreSQL) at open. A database already
 * migrated by a newer rig is refused instead of used: this rig would not know the meaning of the
 * newer columns.
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * Brings the schema up to date.
     *
     * @return how many migrations ran now (0 when the schema was current)
     * @throws IllegalArgumentException if the database has migrations this rig does not know
     */
    static int migrate(DataSource ds, String... locations) {
        Flyway flyway = configure(ds, locations).load();
        MigrationInfo[] future = Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            throw new IllegalArgumentException("the result store's schema is newer than this vfio-rig knows (it has "
                    + Arrays.stream(future).map(m -> "V" + m.getVersion() + " " + m.getDescription())
                            .collect(Collectors.joining(", "))
                    + "); use the vfio-rig version that migrated it, or a newer one");
        }
        return flyway.migrate().migrationsExecuted;
    }

    /** The store's Flyway configuration: the SQL scripts of {@code locations} (default ours) and the Java migrations. */
    static FluentConfiguration configure(DataSource ds, String... locations) {
        return Flyway.configure()
                .dataSource(ds)
                .locations(locations.length == 0 ? new String[] {LOCATION} : locations)
                // Given as objects: they live here, beside the JSON helpers they share with the writer.
                .javaMigrations(new V5__Counters_and_facts_on_tests())
                .failOnMissingLocations(true)
                // Nothing ignored: an applied migration we do not have must stop us (see below).
                .ignoreMigrationPatterns(new String[0]);
    }
}
