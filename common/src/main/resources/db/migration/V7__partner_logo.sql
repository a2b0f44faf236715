-- A partner's logo, shown in the console's header to the partner's members and its organizations' users. Its own
-- table so that reading a partner never reads the bytes. Only PNG and JPEG of bounded size and dimensions are stored
-- (portal-api checks them from the file's header without decoding it).
CREATE TABLE partner_logo (
    partner_id   uuid PRIMARY KEY REFERENCES partner (id) ON DELETE CASCADE,
    content_type text        NOT NULL,
    content      bytea       NOT NULL,
    width        integer     NOT NULL,
    height       integer     NOT NULL,
    sha256       char(64)    NOT NULL,
    updated_at   timestamptz NOT NULL
);
