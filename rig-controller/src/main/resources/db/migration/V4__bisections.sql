-- Bisections (issue 5): one row per bisection, one per kernel it tested. See docs/regressions.md.
-- Same portable SQL as V1. The runs of a bisection stay in its state directory (they must not
-- enter the nightly history the regression scan reads); steps keep their run ids as JSON text.

CREATE TABLE bisections (
    bisection_id   TEXT    NOT NULL PRIMARY KEY,  -- mode:good..bad:suite:target
    mode           TEXT    NOT NULL,              -- git | kernels
    tree           TEXT,
    good           TEXT    NOT NULL,
    bad            TEXT    NOT NULL,
    suite          TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    status         TEXT    NOT NULL,              -- done | failed
    culprit        TEXT,
    culprit_label  TEXT,
    last_good      TEXT,
    message        TEXT    NOT NULL,
    kernels_tested BIGINT  NOT NULL,
    bisect_log     TEXT    NOT NULL,              -- as git bisect log prints it
    result_json    TEXT    NOT NULL,              -- the whole final state, evidence included
    stored_ms      BIGINT  NOT NULL
);

CREATE TABLE bisect_steps (
    bisection_id   TEXT    NOT NULL REFERENCES bisections (bisection_id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    role           TEXT    NOT NULL,              -- verify-good | verify-bad | bisect
    rev            TEXT    NOT NULL,
    label          TEXT    NOT NULL,
    verdict        TEXT    NOT NULL,              -- good | bad | skip
    reason         TEXT    NOT NULL,
    run_ids        TEXT    NOT NULL,              -- JSON array of run ids
    infra_failures BIGINT  NOT NULL,
    PRIMARY KEY (bisection_id, ordinal)
);

CREATE INDEX bisections_by_culprit ON bisections (culprit);
