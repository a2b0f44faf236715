-- A row of provisioning_activity may stand for several requests alike in everything but their time: the repeats a
-- phone-facing service folded into one event at the end of a window (ActivityCoalescer). requests counts them; first_at
-- is the first one's time (occurred_at the last's), null for a single request. A constant default: no partition is
-- rewritten.
ALTER TABLE provisioning_activity ADD COLUMN requests integer NOT NULL DEFAULT 1 CHECK (requests >= 1);
ALTER TABLE provisioning_activity ADD COLUMN first_at timestamptz;
