-- Each monitor's deployment, for access to the monitor and for starting and stopping its checks with the deployment.
-- Its name is unique in its deployment through directory_names (kind 'monitor', parent the deployment). A removed
-- monitor keeps its row, so a request about it is still authorized as its deployment's and then answered 404.
CREATE TABLE directory_monitors (
    id         TEXT PRIMARY KEY,
    deployment TEXT NOT NULL,
    removed    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX directory_monitors_deployment ON directory_monitors (deployment);
