-- The version of the last write that changed what an organization renders into its phones' files (docs/portal-api.md,
-- "Seeing a change spread"). A write that changes nothing rendered (a grace period, an identical save) still takes a
-- new version for its event and ETag, but leaves this one, so the fleet view does not call every phone pending.
-- NULL: the version (rows written before this column, or by seeds that do not set it).
ALTER TABLE organization ADD COLUMN files_version bigint;
UPDATE organization SET files_version = version;
