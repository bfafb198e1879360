package io.vfiorig.controller.store;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.controller.store.StoreBackends.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** A database migrated by a newer rig is refused rather than misread. */
public class MigrationsTest {

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aSchemaNewerThanThisRigIsRefused(Backend b) throws IOException {
        String url = b.newUrl();
        Path newer = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "newer-migrations-");
        // V999: far past ours, so adding a migration of our own never collides with it.
        Files.writeString(newer.resolve("V999__from_the_future.sql"), "CREATE TABLE from_the_future (id TEXT PRIMARY KEY);\n");
        // A newer rig: our migrations plus one more.
        String plain = b.newUrl();
        assertEquals(Migrations.migrate(Dialect.of(url).dataSource(url), Migrations.LOCATION, "filesystem:" + newer),
                Migrations.migrate(Dialect.of(plain).dataSource(plain)) + 1);

        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultStore.open(url));
        assertTrue(e.getMessage().contains("newer than this vfio-rig knows") && e.getMessage().contains("V999"),
                e.getMessage());
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aStoreVersionNewerThanThisRigIsRefused(Backend b) {
        String url = b.newUrl();
        ResultStore.open(url).close();
        Rows.execute(url, "UPDATE schema_meta SET value = '2' WHERE name = 'store_version'");
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ResultStore.open(url));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }
}
