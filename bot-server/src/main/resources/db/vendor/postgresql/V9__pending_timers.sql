-- Every node polls for timers that are due and not yet fired, every second. Fired ones are the great majority and
-- only pile up, so the poll reads an index of the unfired ones alone, in the order they fall due.
CREATE INDEX sla_timer_pending ON sla_timer (due_at, id) WHERE fired_at IS NULL;

-- A busy desk fires tens of timers a second; each leaves a dead row version behind. Vacuum this table after a
-- thousand of them rather than after a fifth of the table, so that the poll does not wade through them.
ALTER TABLE sla_timer SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                           autovacuum_analyze_scale_factor = 0.05);
