-- Which group action a member's job belongs to, so its end can be reported to it.
CREATE TABLE directory_group_run_jobs (
    job_id        TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL,
    deployment_id TEXT NOT NULL
);
