-- The running total of each Book step's past runs, so that planning a job reads one row per step instead of
-- averaging every run there ever was. Kept with the runs themselves, in the same statement.
CREATE TABLE directory_step_averages (
    book         TEXT   NOT NULL,
    step         TEXT   NOT NULL,
    runs         BIGINT NOT NULL,
    total_millis BIGINT NOT NULL,
    PRIMARY KEY (book, step)
);
INSERT INTO directory_step_averages (book, step, runs, total_millis)
SELECT book, step, count(*), sum(millis) FROM directory_step_runs GROUP BY book, step;
