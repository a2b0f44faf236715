-- The fleet view (portal-api's device list with presence, pending change and RPS state, filtered and sorted in SQL).

-- The newest aggregate version the device's own configuration file was rendered from when the phone last received
-- it (200) or confirmed it (304); the device has a pending change while this is older than its organization's or its
-- own version. Filled by portal-api's activity ingest from the events' configVersion.
ALTER TABLE device_presence ADD COLUMN config_version bigint;

-- Filters and sorts of the fleet view within one organization.
CREATE INDEX device_organization_model_idx ON device (organization_id, model, mac);
CREATE INDEX device_organization_updated_idx ON device (organization_id, updated_at, mac);
