package io.vfiorig.controller.store;

/**
 * The store schema version this rig writes: {@code schema_meta.store_version}, raised by every
 * migration that changes what a column means. Flyway's own history says which scripts ran; this
 * number is for readers that look at the database without Flyway.
 */
final class StoreVersion {
    static final int CURRENT = 2;

    private StoreVersion() {}
}
