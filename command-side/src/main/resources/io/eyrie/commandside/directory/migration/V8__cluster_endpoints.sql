-- Where a job finds a cluster: its API server and the reference to its credentials (never a secret).
ALTER TABLE directory_clusters ADD COLUMN api_server TEXT NOT NULL DEFAULT '';
ALTER TABLE directory_clusters ADD COLUMN credentials_ref TEXT NOT NULL DEFAULT '';
