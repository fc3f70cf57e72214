-- The batch engine's tables beside Spring Batch's own (applied by the service's migrations after them).

-- Which process runs an execution, kept alive by its heartbeat: an execution still marked running whose owner
-- stopped beating (killed process, lost node) is recovered and restarted from its last committed chunk.
CREATE TABLE batch_run_owners (
    job_execution_id bigint PRIMARY KEY REFERENCES batch_job_execution (job_execution_id) ON DELETE CASCADE,
    owner            text NOT NULL,
    heartbeat_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per scheduled firing: the replica whose insert succeeds runs it, so each firing happens once.
CREATE TABLE batch_schedule_fires (
    job_name         text NOT NULL,
    fire_time        timestamptz NOT NULL,
    owner            text NOT NULL,
    job_execution_id bigint,
    claimed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_name, fire_time)
);
