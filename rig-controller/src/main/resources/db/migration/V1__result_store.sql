-- vfio-rig result store, version 1. See docs/store.md.
--
-- Written in the SQL that SQLite (3.24+) and PostgreSQL (9.5+) both accept, so one file serves
-- both: TEXT for every string (VARCHAR(n) would be enforced by PostgreSQL only), BIGINT for
-- counts and nanoseconds, DOUBLE PRECISION for means, BYTEA for the HDR histograms (PostgreSQL's
-- binary type; SQLite stores a bound blob unchanged under any declared type), natural composite
-- keys (no SERIAL / AUTOINCREMENT, which differ) and no vendor functions.
--
-- Every row hangs off the idempotency key (agent, run_id, sequence), so a replayed result can be
-- recognised by one primary-key lookup, and ON DELETE CASCADE lets retention delete a run at once.

CREATE TABLE schema_meta (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO schema_meta (name, value) VALUES ('store_version', '1');

-- One run of one suite, reported by one agent. Run ids are minted by agents and only unique per
-- agent, hence the key (agent, run_id).
CREATE TABLE runs (
    agent          TEXT    NOT NULL,
    run_id         TEXT    NOT NULL,
    host           TEXT    NOT NULL,
    host_class     TEXT,              -- baselines pair like with like (issue 5); optional for now
    suite          TEXT    NOT NULL,
    device         TEXT    NOT NULL,  -- device spec(s) as given, ';'-separated
    backend        TEXT    NOT NULL,
    device_model   TEXT    NOT NULL,
    kernel_release TEXT    NOT NULL,
    kernel_commit  TEXT,              -- known when the rig built the kernel (bisection)
    rig_version    TEXT    NOT NULL,
    results_schema INTEGER NOT NULL,  -- results.json schemaVersion the agent wrote
    started_at     TEXT    NOT NULL,  -- ISO-8601 exactly as reported, so it reads back equal
    started_ms     BIGINT  NOT NULL,  -- the same instant, for ordering
    finished_at    TEXT,
    finished_ms    BIGINT,
    status         TEXT    NOT NULL,  -- 'running' until finished: passed / violations / infrastructure-error
    exit_code      INTEGER,
    CONSTRAINT runs_key PRIMARY KEY (agent, run_id)
);

CREATE INDEX runs_by_run_id ON runs (run_id);
-- Baselines: the runs of one device model, backend and suite over time.
CREATE INDEX runs_by_model ON runs (device_model, backend, suite, started_ms);
CREATE INDEX runs_by_kernel ON runs (kernel_release, kernel_commit);

-- Environment facts of a run (host, kernelRelease, kernelVersion, arch, cpus, javaVersion,
-- rigVersion, ...): name/value rows, so new facts need no migration.
CREATE TABLE environment (
    agent  TEXT NOT NULL,
    run_id TEXT NOT NULL,
    name   TEXT NOT NULL,
    value  TEXT,
    CONSTRAINT environment_key PRIMARY KEY (agent, run_id, name),
    CONSTRAINT environment_run FOREIGN KEY (agent, run_id) REFERENCES runs (agent, run_id) ON DELETE CASCADE
);

-- One test result. The primary key is the idempotency key: the same result delivered twice is
-- stored once.
CREATE TABLE tests (
    agent        TEXT    NOT NULL,
    run_id       TEXT    NOT NULL,
    sequence     BIGINT  NOT NULL,
    suite        TEXT    NOT NULL,
    test_id      TEXT    NOT NULL,  -- Class.method
    device       TEXT    NOT NULL,
    backend      TEXT    NOT NULL,
    -- Copied from the run: the history index needs model and time on the same row as the test.
    device_model TEXT    NOT NULL,
    started_ms   BIGINT  NOT NULL,
    status       TEXT    NOT NULL,  -- PASS / FAIL / SKIP / ERROR
    duration_ms  BIGINT  NOT NULL,
    message      TEXT,
    timeline     TEXT    NOT NULL,  -- JSON array of {atMicros, phase, cause}; only ever read whole
    CONSTRAINT tests_idempotency_key PRIMARY KEY (agent, run_id, sequence),
    CONSTRAINT tests_run FOREIGN KEY (agent, run_id) REFERENCES runs (agent, run_id) ON DELETE CASCADE
);

-- "History of metric M for test T on device model D (and backend), ordered by time": the key
-- columns at the end make the index order the query's whole ORDER BY, so a LIMIT stops early.
CREATE INDEX tests_history ON tests (test_id, device_model, backend, started_ms, agent, run_id, sequence);

CREATE TABLE invariant_outcomes (
    agent      TEXT    NOT NULL,
    run_id     TEXT    NOT NULL,
    sequence   BIGINT  NOT NULL,
    ordinal    INTEGER NOT NULL,  -- position in the test's list
    invariant  TEXT    NOT NULL,
    status     TEXT    NOT NULL,  -- PASS / FAIL / SKIP
    violations BIGINT  NOT NULL,
    summary    TEXT,
    evidence   TEXT    NOT NULL,  -- JSON array of {nanos, thread, offset, value, detail}
    CONSTRAINT invariant_outcomes_key PRIMARY KEY (agent, run_id, sequence, ordinal),
    CONSTRAINT invariant_outcomes_test FOREIGN KEY (agent, run_id, sequence)
        REFERENCES tests (agent, run_id, sequence) ON DELETE CASCADE
);

CREATE INDEX invariant_outcomes_by_invariant ON invariant_outcomes (invariant, status);

-- One latency distribution: the summary numbers for queries, and the whole histogram in
-- HdrHistogram's compressed encoding (base64-decoded once at ingest) for statistics later.
CREATE TABLE latencies (
    agent      TEXT             NOT NULL,
    run_id     TEXT             NOT NULL,
    sequence   BIGINT           NOT NULL,
    metric     TEXT             NOT NULL,  -- fault_latency, steady_latency, revoke_to_sigbus, ...
    ordinal    INTEGER          NOT NULL,
    unit       TEXT             NOT NULL,
    n          BIGINT           NOT NULL,  -- sample count
    min_value  BIGINT           NOT NULL,
    p50        BIGINT           NOT NULL,
    p90        BIGINT           NOT NULL,
    p99        BIGINT           NOT NULL,
    p999       BIGINT           NOT NULL,
    max_value  BIGINT           NOT NULL,
    mean_value DOUBLE PRECISION,
    hdr        BYTEA            NOT NULL,
    CONSTRAINT latencies_key PRIMARY KEY (agent, run_id, sequence, metric),
    CONSTRAINT latencies_test FOREIGN KEY (agent, run_id, sequence)
        REFERENCES tests (agent, run_id, sequence) ON DELETE CASCADE
);

CREATE TABLE counters (
    agent    TEXT    NOT NULL,
    run_id   TEXT    NOT NULL,
    sequence BIGINT  NOT NULL,
    name     TEXT    NOT NULL,  -- accesses, faults, sigbus, disruptions, ...
    ordinal  INTEGER NOT NULL,
    value    BIGINT,
    CONSTRAINT counters_key PRIMARY KEY (agent, run_id, sequence, name),
    CONSTRAINT counters_test FOREIGN KEY (agent, run_id, sequence)
        REFERENCES tests (agent, run_id, sequence) ON DELETE CASCADE
);

-- Device facts of one test (THP mode, sim bug class, fault expectation, ...).
CREATE TABLE test_facts (
    agent    TEXT    NOT NULL,
    run_id   TEXT    NOT NULL,
    sequence BIGINT  NOT NULL,
    name     TEXT    NOT NULL,
    ordinal  INTEGER NOT NULL,
    value    TEXT,
    CONSTRAINT test_facts_key PRIMARY KEY (agent, run_id, sequence, name),
    CONSTRAINT test_facts_test FOREIGN KEY (agent, run_id, sequence)
        REFERENCES tests (agent, run_id, sequence) ON DELETE CASCADE
);

-- Infrastructure errors of a run (probe crash, timeout, ...): never test failures.
CREATE TABLE infra_errors (
    agent       TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    message     TEXT,
    artifact    TEXT,
    during_test TEXT,
    CONSTRAINT infra_errors_key PRIMARY KEY (agent, run_id, ordinal),
    CONSTRAINT infra_errors_run FOREIGN KEY (agent, run_id) REFERENCES runs (agent, run_id) ON DELETE CASCADE
);
