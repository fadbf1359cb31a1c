-- The runners' monitor checks: one row per monitor, written by the monitor-schedule processor from the monitors'
-- events and claimed by runners when due. A claim moves next_check_at on in the same statement, so no two runners
-- take one check; claimed_until bounds how long a runner that died holds a monitor.
CREATE TABLE monitor_schedule (
    monitor_id        TEXT PRIMARY KEY,
    deployment_id     TEXT        NOT NULL,
    project           TEXT        NOT NULL,
    group_id          TEXT        NOT NULL,
    scope             TEXT        NOT NULL,
    spec              TEXT        NOT NULL,
    target            TEXT        NOT NULL,
    generation        INT         NOT NULL,
    checking          BOOLEAN     NOT NULL,
    interval_seconds  INT         NOT NULL,
    next_check_at     TIMESTAMPTZ NOT NULL,
    claimed_by        TEXT,
    claimed_until     TIMESTAMPTZ,
    -- What the checks found so far: the state the runners judged, the consecutive failures, and the state the
    -- monitor aggregate last accepted (a report that failed to reach it is sent again after the next check).
    state             TEXT        NOT NULL,
    failures          INT         NOT NULL,
    reported_state    TEXT        NOT NULL
);
CREATE INDEX monitor_schedule_due ON monitor_schedule (next_check_at) WHERE checking;

-- Each scope's log retention, from its ScopeDefined events.
CREATE TABLE monitor_scopes (
    group_id          TEXT   NOT NULL,
    scope             TEXT   NOT NULL,
    retention_seconds BIGINT,
    PRIMARY KEY (group_id, scope)
);
