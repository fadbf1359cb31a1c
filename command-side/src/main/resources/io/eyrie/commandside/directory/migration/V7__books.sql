-- Every published version of every Book, as jobs copy them: written with the BookPublished event.
CREATE TABLE directory_books (
    name       TEXT    NOT NULL,
    version    INT     NOT NULL,
    group_type TEXT    NOT NULL,
    steps      TEXT    NOT NULL,
    multiplier INT     NOT NULL,
    PRIMARY KEY (name, version)
);
-- How long each Book step took, one row per job, so a redelivered event counts once; new jobs estimate from these.
CREATE TABLE directory_step_runs (
    book   TEXT   NOT NULL,
    step   TEXT   NOT NULL,
    job_id TEXT   NOT NULL,
    millis BIGINT NOT NULL,
    PRIMARY KEY (book, step, job_id)
);
