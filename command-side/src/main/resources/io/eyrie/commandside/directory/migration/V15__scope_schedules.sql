-- A scope's start/stop schedules, as name|days|start|stop|zone entries separated by ';', and the latest boundary
-- each schedule has acted on, so that a boundary is acted on once, even one missed while the service was down.
ALTER TABLE directory_scopes ADD COLUMN schedules TEXT NOT NULL DEFAULT '';
CREATE TABLE directory_schedule_marks (
    group_id TEXT        NOT NULL,
    scope    TEXT        NOT NULL,
    schedule TEXT        NOT NULL,
    acted_on TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, scope, schedule)
);
