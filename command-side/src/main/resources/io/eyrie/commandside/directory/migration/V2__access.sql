-- Who may do what, written in the transactions of the events that change it, so that a role change holds for the
-- very next request. Identifiers are the values of typed ids (a slug, a UUID); kind says which.
CREATE TABLE directory_projects (
    project TEXT PRIMARY KEY,
    owner   TEXT NOT NULL
);
CREATE TABLE directory_members (
    project TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role    TEXT NOT NULL,
    PRIMARY KEY (project, user_id)
);
-- Groups and deployments: the project they belong to, and a deployment's group and scope.
CREATE TABLE directory_resources (
    kind     TEXT NOT NULL,
    id       TEXT NOT NULL,
    project  TEXT NOT NULL,
    group_id TEXT,
    scope    TEXT,
    PRIMARY KEY (kind, id)
);
CREATE TABLE directory_overrides (
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role    TEXT NOT NULL,
    PRIMARY KEY (kind, id, user_id)
);
