-- Phone requests the gate did not allow (no or wrong credentials, unknown MACs, throttled) and those that need no
-- credentials (the CA certificate), counted per minute, organization (null when none could be tied to the request),
-- client address and outcome instead of one row each: a flood adds to counts, not rows, and carries nothing the
-- sender made up (no MAC, no User-Agent). Written by portal-api's activity ingest, deleted after
-- voipconfig.security-events.retention. Counts are at least once: a batch redelivered after a crash counts again.
CREATE TABLE security_event (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    minute          timestamptz NOT NULL,
    organization_id uuid,
    client_ip       varchar(45) NOT NULL,
    outcome         varchar(32) NOT NULL,
    requests        bigint      NOT NULL CHECK (requests > 0),
    first_at        timestamptz NOT NULL,
    last_at         timestamptz NOT NULL,
    CONSTRAINT security_event_key UNIQUE NULLS NOT DISTINCT (minute, organization_id, client_ip, outcome)
);
CREATE INDEX security_event_org_idx ON security_event (organization_id, minute DESC);
CREATE INDEX security_event_minute_idx ON security_event (minute);
-- Only portal-api (the owner) reads and writes it: the phone-facing and RPS roles get nothing.
