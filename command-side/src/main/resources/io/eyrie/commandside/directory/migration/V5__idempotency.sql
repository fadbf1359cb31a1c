-- A POST's Idempotency-Key, per caller. The row is written in the transaction of the command the request sent, so it
-- exists exactly when that command committed; the answer is added once it is known, for retries to replay.
CREATE TABLE idempotency_keys (
    caller       TEXT                     NOT NULL,
    key          TEXT                     NOT NULL,
    fingerprint  TEXT                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    status       INT,
    content_type TEXT,
    body         BYTEA,
    PRIMARY KEY (caller, key)
);
