-- Unique names, checked by the database: a row is written in the same transaction as the event that takes the name,
-- so two concurrent creates of one name cannot both commit. parent is the scope of uniqueness (a project for group
-- names, a group for deployment names).
CREATE TABLE directory_names (
    kind   TEXT NOT NULL,
    parent TEXT NOT NULL,
    name   TEXT NOT NULL,
    id     TEXT NOT NULL,
    PRIMARY KEY (kind, parent, name)
);
CREATE INDEX directory_names_by_id ON directory_names (id);
