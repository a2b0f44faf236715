-- Voipconfig schema. Applied by portal-api (owner role) at start; the other services never migrate.
--
-- Roles are created by the platform before the first start (test support, deploy/local, the CloudNativePG
-- Cluster in k8s/): the owner (login, owns the database), the NOLOGIN groups ${reader_role} (phone-facing
-- services) and ${rps_role} (rps-sync-service), and one login role per service that is a member of its group.
-- Every later migration that adds a table must grant it explicitly; nothing is granted by default.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        RAISE EXCEPTION 'database role ${reader_role} must exist before migrating (see docs/architecture.md, "Database roles")';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${rps_role}') THEN
        RAISE EXCEPTION 'database role ${rps_role} must exist before migrating (see docs/architecture.md, "Database roles")';
    END IF;
END
$$;

CREATE TABLE organization (
    id                        uuid PRIMARY KEY,
    slug                      varchar(63)  NOT NULL UNIQUE
                              CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name                      varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
    provisioning_username     varchar(64)  NOT NULL CHECK (provisioning_username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    provisioning_password_enc text         NOT NULL,
    auth_mode                 varchar(6)   NOT NULL DEFAULT 'DIGEST' CHECK (auth_mode IN ('DIGEST', 'BASIC', 'BOTH')),
    encryption_enabled        boolean      NOT NULL DEFAULT false,
    encryption_key_enc        text,
    ca_certificate            text,
    settings                  jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    version                   bigint       NOT NULL DEFAULT 1,
    created_at                timestamptz  NOT NULL DEFAULT now(),
    updated_at                timestamptz  NOT NULL DEFAULT now(),
    CHECK (NOT encryption_enabled OR encryption_key_enc IS NOT NULL)
);

-- The phone model catalog is data (docs/architecture.md, "Database"); V2 seeds it from docs/yealink.md §2.4.
CREATE TABLE phone_model (
    name             varchar(32) PRIMARY KEY CHECK (name ~ '^[A-Z0-9_]{2,32}$'),
    vendor           varchar(32) NOT NULL DEFAULT 'yealink',
    common_file_code char(3)     NOT NULL CHECK (common_file_code ~ '^[0-9]{3}$'),
    firmware_prefix  varchar(8),
    accounts         smallint    NOT NULL CHECK (accounts BETWEEN 1 AND 16),
    line_keys        smallint    NOT NULL CHECK (line_keys BETWEEN 0 AND 100),
    screen_width     smallint CHECK (screen_width > 0),
    screen_height    smallint CHECK (screen_height > 0),
    CHECK ((screen_width IS NULL) = (screen_height IS NULL))
);

-- An organization's "global config" for one model.
CREATE TABLE org_model_settings (
    organization_id uuid        NOT NULL REFERENCES organization ON DELETE CASCADE,
    model           varchar(32) NOT NULL REFERENCES phone_model,
    settings        jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    version         bigint      NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, model)
);

-- media is declared before device so that wallpaper/ringtone names can be checked per organization later.
CREATE TABLE media (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization ON DELETE CASCADE,
    name            varchar(128) NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    kind            varchar(16)  NOT NULL CHECK (kind IN ('WALLPAPER', 'RINGTONE', 'IMAGE')),
    content_type    varchar(100) NOT NULL,
    size_bytes      bigint       NOT NULL CHECK (size_bytes >= 0),
    sha256          char(64)     NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content         bytea        NOT NULL,
    version         bigint       NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

-- A MAC belongs to at most one organization, platform-wide: the primary key is the canonical MAC.
CREATE TABLE device (
    mac             char(12)     PRIMARY KEY CHECK (mac ~ '^[0-9a-f]{12}$'),
    organization_id uuid         NOT NULL REFERENCES organization ON DELETE CASCADE,
    model           varchar(32)  NOT NULL REFERENCES phone_model,
    label           varchar(200),
    settings        jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    wallpaper       varchar(128),
    ringtone        varchar(128),
    version         bigint       NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX device_organization_idx ON device (organization_id, mac);

CREATE TABLE sip_account (
    device_mac    char(12)     NOT NULL REFERENCES device ON DELETE CASCADE,
    account_index smallint     NOT NULL CHECK (account_index BETWEEN 1 AND 16),
    label         varchar(100),
    display_name  varchar(100),
    user_name     varchar(128) NOT NULL,
    auth_name     varchar(128),
    password_enc  text,
    server        varchar(255) NOT NULL,
    port          integer      NOT NULL DEFAULT 5060 CHECK (port BETWEEN 1 AND 65535),
    transport     varchar(3)   NOT NULL DEFAULT 'UDP' CHECK (transport IN ('UDP', 'TCP', 'TLS')),
    PRIMARY KEY (device_mac, account_index)
);

CREATE TABLE phonebook (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization ON DELETE CASCADE,
    name            varchar(200) NOT NULL,
    version         bigint       NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);
CREATE INDEX phonebook_organization_idx ON phonebook (organization_id, id);

CREATE TABLE contact (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phonebook_id bigint       NOT NULL REFERENCES phonebook ON DELETE CASCADE,
    name         varchar(200) NOT NULL,
    group_name   varchar(100) NOT NULL DEFAULT '',
    phones       text[]       NOT NULL CHECK (cardinality(phones) BETWEEN 1 AND 10)
);
-- The phonebook XML is streamed in this order (byte-stable output).
CREATE INDEX contact_render_idx ON contact (phonebook_id, group_name, name, id);

-- Which devices may read which phonebook (and in which order the MAC file lists them).
CREATE TABLE device_phonebook (
    device_mac   char(12) NOT NULL REFERENCES device ON DELETE CASCADE,
    phonebook_id bigint   NOT NULL REFERENCES phonebook ON DELETE CASCADE,
    position     smallint NOT NULL DEFAULT 1 CHECK (position BETWEEN 1 AND 5),
    PRIMARY KEY (device_mac, phonebook_id)
);
CREATE INDEX device_phonebook_phonebook_idx ON device_phonebook (phonebook_id);

-- Softkey and other XML files served under /xml/_global/{name}.xml.
CREATE TABLE global_xml (
    organization_id uuid        NOT NULL REFERENCES organization ON DELETE CASCADE,
    name            varchar(64) NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    content         text        NOT NULL,
    version         bigint      NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, name)
);

-- Provisioning activity, stored by portal-api from the activity topic; event_id makes storing idempotent.
CREATE TABLE provisioning_activity (
    event_id        uuid PRIMARY KEY,
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
    detail          varchar(500)
);
CREATE INDEX provisioning_activity_org_idx ON provisioning_activity (organization_id, occurred_at DESC);
CREATE INDEX provisioning_activity_mac_idx ON provisioning_activity (mac, occurred_at DESC);

-- Last contact of each device, derived from activity.
CREATE TABLE device_presence (
    mac             char(12)    PRIMARY KEY REFERENCES device ON DELETE CASCADE,
    last_seen_at    timestamptz NOT NULL,
    last_ip         varchar(45),
    last_user_agent varchar(512),
    model           varchar(32),
    firmware        varchar(32),
    last_file       varchar(255),
    last_outcome    varchar(32)
);

-- The MD5 of the last body each device received per file: "does the phone have the current configuration?"
CREATE TABLE device_file_delivery (
    mac          char(12)     NOT NULL REFERENCES device ON DELETE CASCADE,
    file         varchar(255) NOT NULL,
    body_md5     char(32)     NOT NULL,
    delivered_at timestamptz  NOT NULL,
    PRIMARY KEY (mac, file)
);

-- Transactional outbox: written in the same transaction as the change, published by portal-api's relay.
CREATE TABLE outbox (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          uuid         NOT NULL UNIQUE,
    topic             varchar(100) NOT NULL,
    message_key       varchar(100) NOT NULL,
    event_type        varchar(64)  NOT NULL,
    aggregate_id      varchar(100) NOT NULL,
    aggregate_version bigint       NOT NULL,
    payload           jsonb        NOT NULL,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    published_at      timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- RPS mirror state, owned by rps-sync-service. No foreign keys: a deletion must still be mirrored after the
-- organization or device row is gone.
CREATE TABLE rps_server_state (
    organization_id uuid PRIMARY KEY,
    server_name     varchar(64),
    rps_server_id   varchar(64),
    applied_version bigint      NOT NULL DEFAULT 0,
    status          varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SYNCED', 'CONFLICT', 'FAILED', 'DELETED')),
    last_error      varchar(1000),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rps_device_state (
    mac             char(12) PRIMARY KEY CHECK (mac ~ '^[0-9a-f]{12}$'),
    organization_id uuid        NOT NULL,
    rps_device_id   varchar(64),
    rps_server_id   varchar(64),
    applied_version bigint      NOT NULL DEFAULT 0,
    status          varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SYNCED', 'CONFLICT', 'FAILED', 'DELETED')),
    last_error      varchar(1000),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rps_device_state_org_idx ON rps_device_state (organization_id, mac);

-- Every call made to RPS. Never holds a password.
CREATE TABLE rps_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL DEFAULT now(),
    operation       varchar(32)  NOT NULL,
    organization_id uuid,
    mac             char(12),
    target          varchar(200),
    outcome         varchar(16)  NOT NULL,
    error_text      varchar(1000),
    duration_ms     integer      NOT NULL CHECK (duration_ms >= 0),
    attempt         smallint     NOT NULL DEFAULT 1,
    event_id        uuid
);
CREATE INDEX rps_history_org_idx ON rps_history (organization_id, occurred_at DESC);
CREATE INDEX rps_history_mac_idx ON rps_history (mac, occurred_at DESC);

-- Least privilege. Phone-facing services read what they serve; rps-sync-service reads the inventory and
-- writes only its own tables. Activity, presence and the outbox are portal-api's alone.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${reader_role}, ${rps_role};
GRANT SELECT ON organization, phone_model, org_model_settings, media, device, sip_account, phonebook, contact,
    device_phonebook, global_xml TO ${reader_role};
GRANT SELECT ON organization, phone_model, device TO ${rps_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON rps_server_state, rps_device_state, rps_history TO ${rps_role};
