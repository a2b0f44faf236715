-- When an organization's phones check for changes on their own (docs/config-service.md, "Update schedule"): days,
-- a daily window and an optional repeat interval, as {"days": "MONDAY,...", "windowStart": "02:00", "windowEnd":
-- "04:00", "repeatMinutes": "1440"}. NULL: the platform default (common's UpdateSchedule.PLATFORM_DEFAULT).
ALTER TABLE organization ADD COLUMN update_schedule jsonb;

-- Setting keys a write removed from a layer of settings, rendered as a reset ("key =") until reset_until, because a
-- Yealink phone keeps a value that merely disappears from its files (docs/yealink.md §2.10). One row per layer and
-- key: removing the key again moves its window; setting it again deletes the row. portal-api writes them in the
-- transaction of the settings write (whose change event drops the phone-facing caches) and prunes expired ones.
CREATE TABLE removed_setting (
    organization_id uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    -- organization: the organization's settings (subject ''); model: its settings for one model (subject the model);
    -- device: a device's settings (subject the MAC; read by MAC, so the row follows a device that moves)
    layer           text        NOT NULL CHECK (layer IN ('organization', 'model', 'device')),
    subject         text        NOT NULL,
    key             text        NOT NULL,
    removed_at      timestamptz NOT NULL,
    reset_until     timestamptz NOT NULL,
    PRIMARY KEY (organization_id, layer, subject, key)
);
CREATE INDEX removed_setting_subject_idx ON removed_setting (layer, subject);

GRANT SELECT ON removed_setting TO ${reader_role};
