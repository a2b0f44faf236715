-- rps-sync-service writes a history row before each RPS call (outcome PENDING) and completes it after, so a call cut
-- short by a crash still shows; one call for several devices writes a row per device sharing call_id.
ALTER TABLE rps_history ADD COLUMN call_id uuid;
CREATE INDEX rps_history_call_idx ON rps_history (call_id) WHERE call_id IS NOT NULL;
