-- Provisioning activity in one partition per UTC day (provisioning_activity_pYYYYMMDD), so that retention
-- (voipconfig.activity.retention) detaches and drops whole days instead of deleting rows one by one, and a drop never
-- blocks ingest (DETACH ... CONCURRENTLY). The key holds the partition key: (event_id, occurred_at); an event is
-- stored again with the same time, so redelivery still changes nothing. There is no default partition (DETACH
-- CONCURRENTLY refuses tables that have one): portal-api creates a day's partition before it stores events of that
-- day, and keeps today and the next two ready (ActivityPartitionService).
ALTER TABLE provisioning_activity RENAME TO provisioning_activity_unpartitioned;
ALTER INDEX provisioning_activity_pkey RENAME TO provisioning_activity_unpartitioned_pkey;
ALTER INDEX provisioning_activity_org_idx RENAME TO provisioning_activity_unpartitioned_org_idx;
ALTER INDEX provisioning_activity_mac_idx RENAME TO provisioning_activity_unpartitioned_mac_idx;

CREATE TABLE provisioning_activity (
    event_id        uuid         NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    service         varchar(32)  NOT NULL,
    organization_id uuid,
    mac             char(12),
    client_ip       varchar(45),
    user_agent      varchar(512),
    model           varchar(32),
    firmware        varchar(32),
    file            varchar(255),
    outcome         varchar(32)  NOT NULL,
    status          smallint     NOT NULL,
    body_md5        char(32),
    detail          varchar(500),
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX provisioning_activity_org_idx ON provisioning_activity (organization_id, occurred_at DESC);
CREATE INDEX provisioning_activity_mac_idx ON provisioning_activity (mac, occurred_at DESC);

DO $$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
    day   date;
BEGIN
    FOR day IN
        SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date FROM provisioning_activity_unpartitioned
        UNION
        SELECT today + n FROM generate_series(0, 2) AS n
    LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF provisioning_activity FOR VALUES FROM (%L) TO (%L)',
                'provisioning_activity_p' || to_char(day, 'YYYYMMDD'),
                day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
    END LOOP;
END $$;

INSERT INTO provisioning_activity SELECT * FROM provisioning_activity_unpartitioned;
DROP TABLE provisioning_activity_unpartitioned;
