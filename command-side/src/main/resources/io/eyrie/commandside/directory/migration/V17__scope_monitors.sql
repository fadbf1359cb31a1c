-- Whether a scope's deployments get a default HTTP monitor when a release of theirs first runs.
ALTER TABLE directory_scopes ADD COLUMN monitor BOOLEAN NOT NULL DEFAULT FALSE;
