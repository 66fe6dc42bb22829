-- SLA timers and NPS follow-ups become due work for one persistent scheduler (db-scheduler, dev.teller.server.sla.
-- DueWork): its executions are kept here, one a wake-up call at a given time, picked by one server instance each.
-- The sla_timer and followup rows stay the record of what is due and what fired or was sent (sla_event refers to
-- its timer); the job an execution runs claims that row in the same transaction as its effects.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);

-- What was pending when this version was installed is scheduled at its time, so that nothing due is lost on the
-- upgrade: every unfired timer whose clock runs (one stopped gets an execution when its clock runs again) and every
-- follow-up not yet sent. The keys are those the jobs read: ticket/target/percent/<any suffix>, and ticket/day.
INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'sla-timer', CAST(ticket_id AS VARCHAR(36)) || '/' || target || '/' || CAST(percent AS VARCHAR(3)) || '/v15',
       due_at, FALSE, 1
FROM sla_timer WHERE fired_at IS NULL AND due_at IS NOT NULL;

INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'follow-up', CAST(ticket_id AS VARCHAR(36)) || '/' || CAST(after_days AS VARCHAR(3)), due_at, FALSE, 1
FROM followup WHERE sent_at IS NULL;

-- Nothing polls sla_timer for due rows any more: the index kept for that poll (V9) only costs writes now.
DROP INDEX IF EXISTS sla_timer_pending;
