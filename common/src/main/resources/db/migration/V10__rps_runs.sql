-- Reconciliation runs of rps-sync-service, shared by its replicas: at most one run in flight per scope (an
-- organization's id, or 'all' for the whole installation), and per scope and kind the start of the last run, which the
-- per-organization rate limits count from. A run that never finished (its replica died) holds its scope only until
-- lease_until.
CREATE TABLE rps_run (
    scope       varchar(36) NOT NULL,
    kind        varchar(24) NOT NULL CHECK (kind IN ('RESYNC', 'DRY_RUN', 'RECONCILE', 'RECONCILE_DRY_RUN')),
    run_id      uuid        NOT NULL,
    started_at  timestamptz NOT NULL,
    lease_until timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (scope, kind)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON rps_run TO ${rps_role};
