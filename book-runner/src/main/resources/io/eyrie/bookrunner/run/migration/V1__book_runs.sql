-- The runners' work queue (db-scheduler's table): one row per job that some runner must still work on. A row
-- picked by a runner carries its heartbeat, which is the runner's lease on the job.
CREATE TABLE book_runs (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX book_runs_execution_time_idx ON book_runs (execution_time);
CREATE INDEX book_runs_last_heartbeat_idx ON book_runs (last_heartbeat);
CREATE INDEX book_runs_priority_execution_time_idx ON book_runs (priority DESC, execution_time ASC);
