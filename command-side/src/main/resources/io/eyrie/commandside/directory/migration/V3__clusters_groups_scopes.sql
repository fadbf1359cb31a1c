-- Clusters and what uses them: a deployment's create reads its clusters' rows FOR SHARE and a cluster's delete
-- reads its row FOR UPDATE, so the two cannot both succeed.
CREATE TABLE directory_clusters (
    slug  TEXT PRIMARY KEY,
    state TEXT NOT NULL
);
CREATE TABLE directory_cluster_usage (
    cluster    TEXT NOT NULL,
    deployment TEXT NOT NULL,
    PRIMARY KEY (cluster, deployment)
);
-- What a deployment's actions need from its group: the type, the Books it chose, its clusters.
CREATE TABLE directory_groups (
    id       TEXT PRIMARY KEY,
    type     TEXT NOT NULL,
    clusters TEXT NOT NULL,
    books    TEXT NOT NULL
);
CREATE TABLE directory_scopes (
    group_id    TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    allow_drop  BOOLEAN NOT NULL,
    role_to_act TEXT    NOT NULL,
    concurrency TEXT    NOT NULL,
    clusters    TEXT    NOT NULL,
    backup      TEXT,
    PRIMARY KEY (group_id, name)
);
-- A dropped deployment no longer counts as living in its group, scope or clusters.
ALTER TABLE directory_resources ADD COLUMN dropped BOOLEAN NOT NULL DEFAULT FALSE;
