-- The history index moves from `tests` (one entry per result) to `run_tests` (one entry per test
-- of a run). Keyed by (test, model, backend, run start), a result's entry landed in its own
-- (run, test) block of the index: a thousand agents streaming runs that repeat their tests dirtied
-- thousands of scattered index pages per commit, and that cut SQLite's ingest by a third. A run's
-- tests are listed once each, when the run first reports them; its results are then found through
-- the primary key of `tests`. (`tests.device_model` and `tests.started_ms`, copied from the run for
-- the old index, are still written.) A new table and index: no column changes meaning, so
-- store_version stays 2.
CREATE TABLE run_tests (
    agent        TEXT   NOT NULL,
    run_id       TEXT   NOT NULL,
    test_id      TEXT   NOT NULL,
    backend      TEXT   NOT NULL,
    device_model TEXT   NOT NULL,  -- the run's
    started_ms   BIGINT NOT NULL,  -- the run's
    CONSTRAINT run_tests_key PRIMARY KEY (agent, run_id, test_id, backend),
    CONSTRAINT run_tests_run FOREIGN KEY (agent, run_id) REFERENCES runs (agent, run_id) ON DELETE CASCADE
);

INSERT INTO run_tests (agent, run_id, test_id, backend, device_model, started_ms)
SELECT DISTINCT agent, run_id, test_id, backend, device_model, started_ms FROM tests;

-- "History of metric M for test T on device model D (and backend), newest run first": the index
-- orders the query's ORDER BY up to the run, so a LIMIT stops early.
CREATE INDEX run_tests_history ON run_tests (test_id, device_model, backend, started_ms, agent, run_id);

DROP INDEX tests_history;
