-- Aggregate versions come from one platform-wide sequence instead of per-row counters, so a version never goes
-- back: a device deleted at version 7 and registered again gets 8 or more, and consumers that apply only newer
-- versions (rps-sync-service) do not mistake the new device for an old event.
CREATE SEQUENCE aggregate_version_seq;
SELECT setval('aggregate_version_seq', greatest(1,
    (SELECT coalesce(max(version), 0) FROM organization),
    (SELECT coalesce(max(version), 0) FROM device),
    (SELECT coalesce(max(version), 0) FROM org_model_settings),
    (SELECT coalesce(max(version), 0) FROM media),
    (SELECT coalesce(max(version), 0) FROM phonebook),
    (SELECT coalesce(max(version), 0) FROM global_xml)));
ALTER TABLE organization ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
ALTER TABLE device ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
ALTER TABLE org_model_settings ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
ALTER TABLE media ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
ALTER TABLE phonebook ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
ALTER TABLE global_xml ALTER COLUMN version SET DEFAULT nextval('aggregate_version_seq');
