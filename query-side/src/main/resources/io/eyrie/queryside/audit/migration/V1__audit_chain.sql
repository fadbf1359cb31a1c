-- Each project's events, chained by hash in the order the audit processor saw them (link 1, 2, ...). The payloads
-- stay in the event store; a link keeps only where its event is and the hash that covers it and the link before.
CREATE TABLE audit_chain (
    global_index BIGINT PRIMARY KEY,
    project      VARCHAR(255) NOT NULL,
    link         BIGINT       NOT NULL,
    deployment   VARCHAR(255),
    hash         CHAR(64)     NOT NULL,
    UNIQUE (project, link)
);
CREATE INDEX audit_chain_deployment ON audit_chain (deployment, global_index);

-- Which project (and deployment) each aggregate belongs to, learnt from its events that name them.
CREATE TABLE audit_scopes (
    aggregate_id VARCHAR(255) PRIMARY KEY,
    project      VARCHAR(255) NOT NULL,
    deployment   VARCHAR(255)
);
