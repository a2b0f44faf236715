-- The admin audit trail: one row per write that portal-api accepted (2xx), written after the write commits and before
-- the answer goes out. Who (the token's subject, user name and highest role), what (the operation's route, the path
-- written, the action and the names of the fields the request set, never their values), when and from where.
-- organization_id / partner_id say whose it is; no foreign keys, so that an entry outlives what it names (a deleted
-- organization's deletion is the entry that matters most). Deleted after voipconfig.audit.retention.
CREATE TABLE audit_entry (
    id                bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                timestamptz  NOT NULL DEFAULT now(),
    subject           varchar(255) NOT NULL,
    username          varchar(255) NOT NULL,
    role              varchar(32)  NOT NULL,
    partner_id        uuid,
    organization_id   uuid,
    organization_slug varchar(64),
    action            varchar(32)  NOT NULL,
    operation         varchar(200) NOT NULL,
    resource          varchar(500) NOT NULL,
    fields            text[]       NOT NULL DEFAULT '{}',
    status            smallint     NOT NULL,
    client_ip         varchar(45)
);
CREATE INDEX audit_entry_org_idx ON audit_entry (organization_id, at DESC);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);

-- A partner's limit on one organization's devices (null: none beyond the partner's own limit).
ALTER TABLE organization ADD COLUMN max_devices integer CHECK (max_devices >= 0);
-- Only portal-api (the owner) reads and writes audit_entry: the phone-facing and RPS roles get nothing.
