-- Every node polls for timers that are due and not yet fired (H2 has no partial indexes: unfired first).
CREATE INDEX sla_timer_pending ON sla_timer (fired_at, due_at);
