-- Admin changes that do not cut provisioned phones off (docs/config-service.md, "Rotation, renames and moves"):
-- what a phone holds (credentials, the slug in its URLs, its old organization's credentials after a move) keeps
-- working for a grace period, per device until the device has moved over.

-- grace_days: how long the old keeps working after the credentials change, the slug is renamed or a device moves
-- away; 0 ends it at once (a leaked password).
-- credentials_generation increases with every change of the provisioning user name or password; the previous set is
-- accepted until previous_credentials_until, per device only until the device used the current generation.
ALTER TABLE organization
    ADD COLUMN grace_days                 integer     NOT NULL DEFAULT 30 CHECK (grace_days BETWEEN 0 AND 365),
    ADD COLUMN credentials_generation     integer     NOT NULL DEFAULT 1 CHECK (credentials_generation > 0),
    ADD COLUMN credentials_changed_at     timestamptz,
    ADD COLUMN previous_username          varchar(64),
    ADD COLUMN previous_password_enc      text,
    ADD COLUMN previous_credentials_until timestamptz,
    ADD CONSTRAINT organization_previous_credentials_complete CHECK (
        (previous_username IS NULL) = (previous_password_enc IS NULL)
        AND (previous_username IS NULL) = (previous_credentials_until IS NULL));

-- A slug an organization had before a rename: phones holding URLs with it are served as the organization until
-- valid_until; no organization may take it meanwhile.
CREATE TABLE organization_slug_alias (
    slug            varchar(63) PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organization ON DELETE CASCADE,
    valid_until     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX organization_slug_alias_organization_idx ON organization_slug_alias (organization_id);

-- After a move: the organization the device came from, whose credentials the phone still holds, accepted for this MAC
-- until moved_until or until the phone used its new organization's credentials (a deleted source ends it).
ALTER TABLE device
    ADD COLUMN moved_from_organization_id uuid REFERENCES organization ON DELETE SET NULL,
    ADD COLUMN moved_until                timestamptz;

-- The newest credentials each device authenticated with: its organization's generation at that time. Written by
-- portal-api from the activity events; read by the phone-facing services to refuse a device's old credentials once it
-- has used the new ones.
CREATE TABLE device_credentials (
    mac             char(12)    PRIMARY KEY REFERENCES device ON DELETE CASCADE,
    organization_id uuid        NOT NULL,
    generation      integer     NOT NULL,
    first_used_at   timestamptz NOT NULL
);

GRANT SELECT ON organization_slug_alias, device_credentials TO ${reader_role};
