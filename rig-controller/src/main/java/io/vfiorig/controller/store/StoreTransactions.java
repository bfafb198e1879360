package io.vfiorig.controller.store;

import org.jdbi.v3.core.HandleCallback;

/**
 * The store's database for the controller's own tables (fleet devices, leases, orders; migration
 * V2): the same connections and, on SQLite, the same single-writer queue as result ingest.
 */
public interface StoreTransactions {
    /** Runs {@code work} in one write transaction: all of it is committed or none. */
    <T> T inTransaction(HandleCallback<T, RuntimeException> work);

    /** Runs {@code work} on a handle for reading. */
    <T> T withHandle(HandleCallback<T, RuntimeException> work);
}
