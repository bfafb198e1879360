-- vfio-rig fleet state, version 2: device health, leases and run orders. See docs/fleet.md.
-- Same dialect rules as V1 (one file for SQLite and PostgreSQL). Times are epoch milliseconds.

-- New tables only: no existing column changes meaning, so store_version stays 1.

-- Health of one schedulable device: a real PCI function (vfio:BDF), an emulated device of a
-- virtual host (vm:edu) or a simulated device (sim). iommu_group is what a lease holds: the
-- host's IOMMU group as the agent reported it, or the device itself until it has.
CREATE TABLE fleet_devices (
    host        TEXT    NOT NULL,
    device      TEXT    NOT NULL,  -- the spec rig run --device takes
    label       TEXT    NOT NULL,
    iommu_group TEXT    NOT NULL,
    state       TEXT    NOT NULL,  -- healthy / unknown / quarantined
    reason      TEXT,              -- why it is unknown or quarantined
    since_ms    BIGINT  NOT NULL,  -- when it entered the state
    failures    INTEGER NOT NULL,  -- infrastructure errors in a row
    CONSTRAINT fleet_devices_key PRIMARY KEY (host, device)
);

-- A lease: one run holds one or more IOMMU groups of one host.
CREATE TABLE fleet_leases (
    lease_id       TEXT   NOT NULL PRIMARY KEY,
    host           TEXT   NOT NULL,
    run_id         TEXT   NOT NULL,
    granted_ms     BIGINT NOT NULL,
    released_ms    BIGINT,
    release_reason TEXT
);

-- The groups an active lease holds. The primary key is the guarantee that nothing is
-- double-booked: a second lease on a held group cannot be inserted. Deleted on release.
CREATE TABLE fleet_held_groups (
    host        TEXT NOT NULL,
    iommu_group TEXT NOT NULL,
    lease_id    TEXT NOT NULL,
    CONSTRAINT fleet_held_groups_key PRIMARY KEY (host, iommu_group),
    CONSTRAINT fleet_held_groups_lease FOREIGN KEY (lease_id) REFERENCES fleet_leases (lease_id)
);

-- What the controller ordered: nightly, submit or health-check runs, queued until their lease.
CREATE TABLE fleet_orders (
    run_id     TEXT   NOT NULL PRIMARY KEY,
    host       TEXT   NOT NULL,
    suite      TEXT   NOT NULL,
    devices    TEXT   NOT NULL,  -- device specs, ';'-separated
    reason     TEXT   NOT NULL,  -- nightly / submit / health-check
    state      TEXT   NOT NULL,  -- queued / sent / running / finished / cancelled
    created_ms BIGINT NOT NULL,
    lease_id   TEXT,
    outcome    TEXT,             -- PASSED / FAILED / INFRA_ERROR when finished
    detail     TEXT
);

CREATE INDEX fleet_orders_by_state ON fleet_orders (state, created_ms);

-- Small named values: when the nightly schedule was last evaluated, so a restart neither
-- repeats nor skips a night.
CREATE TABLE fleet_meta (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
