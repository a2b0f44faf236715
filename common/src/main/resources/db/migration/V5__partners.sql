-- Partners as tenants (docs/architecture.md, "Tenancy"): operator → partner → organization. Every organization
-- belongs to exactly one partner; organizations that exist before this migration go to the default partner, whose
-- id is fixed so that configuration and tests can name it.
CREATE TABLE partner (
    id                uuid PRIMARY KEY,
    slug              varchar(63)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name              varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
    max_organizations integer      CHECK (max_organizations >= 0),
    max_devices       integer      CHECK (max_devices >= 0),
    -- The host name the partner's phones are provisioned under (prov.partner.example); null: the installation's.
    provisioning_host varchar(253) UNIQUE
                      CHECK (provisioning_host ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$'),
    console_name      varchar(100),
    version           bigint       NOT NULL DEFAULT nextval('aggregate_version_seq'),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO partner (id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', 'default', 'Default partner');

-- The default also serves writers that do not name a partner (the operator's API calls without one, SQL fixtures).
ALTER TABLE organization ADD COLUMN partner_id uuid NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001'
    REFERENCES partner;
CREATE INDEX organization_partner_idx ON organization (partner_id, slug);

-- A MAC another partner's organization holds, asked for by a partner: the claimant learns nothing (the same 409 as
-- for any registered MAC); the operator sees the claim and resolves it (a recorded transfer, or a dismissal).
CREATE TABLE mac_claim (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mac               char(12)    NOT NULL CHECK (mac ~ '^[0-9a-f]{12}$'),
    claimant_org_id   uuid        NOT NULL REFERENCES organization ON DELETE CASCADE,
    holder_org_id     uuid        NOT NULL,
    claimed_at        timestamptz NOT NULL DEFAULT now(),
    resolved_at       timestamptz,
    resolution        varchar(16) CHECK (resolution IN ('TRANSFERRED', 'DISMISSED')),
    resolved_by       varchar(255),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE UNIQUE INDEX mac_claim_open_idx ON mac_claim (mac, claimant_org_id) WHERE resolved_at IS NULL;

GRANT SELECT ON partner TO ${reader_role}, ${rps_role};
