-- Which process runs each job execution that is under way, and when it last said it was alive
-- (see sqlite/V5__job_heartbeats.sql).

CREATE TABLE job_heartbeats (
    job_execution_id BIGINT PRIMARY KEY,
    host             TEXT   NOT NULL,
    pid              BIGINT NOT NULL,
    process_start    BIGINT,          -- the process's start, UTC epoch ms, to tell a reused pid apart
    beat_at          BIGINT NOT NULL  -- UTC epoch ms of the last heartbeat
);
