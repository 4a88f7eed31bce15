-- Which process runs each job execution that is under way, and when it last said it was alive.
-- A STARTED execution whose process is gone (same host, pid dead or reused) or whose heartbeat is
-- stale is marked FAILED so it can be restarted (see README "Jobs"). Rows are deleted when the
-- execution ends.

CREATE TABLE job_heartbeats (
    job_execution_id INTEGER PRIMARY KEY,
    host             TEXT    NOT NULL,
    pid              INTEGER NOT NULL,
    process_start    INTEGER,          -- the process's start, UTC epoch ms, to tell a reused pid apart
    beat_at          INTEGER NOT NULL  -- UTC epoch ms of the last heartbeat
);
