-- Platform-wide repositories and their images belong to no project.
ALTER TABLE directory_resources ALTER COLUMN project DROP NOT NULL;
CREATE TABLE directory_repositories (
    id       TEXT PRIMARY KEY,
    project  TEXT,
    type     TEXT,
    archived BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE directory_branches (
    repository TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (repository, name)
);
CREATE TABLE directory_images (
    id         TEXT PRIMARY KEY,
    repository TEXT NOT NULL,
    project    TEXT
);
CREATE TABLE directory_datasources (
    id        TEXT PRIMARY KEY,
    project   TEXT    NOT NULL,
    data_type TEXT    NOT NULL,
    removed   BOOLEAN NOT NULL DEFAULT FALSE
);
