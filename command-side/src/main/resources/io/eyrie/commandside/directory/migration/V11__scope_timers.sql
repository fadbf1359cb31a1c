-- A deployed deployment pauses and drops by its scope's timers, counted from entering deploy.
ALTER TABLE directory_scopes ADD COLUMN pause_after_seconds BIGINT;
ALTER TABLE directory_scopes ADD COLUMN drop_after_seconds BIGINT;
