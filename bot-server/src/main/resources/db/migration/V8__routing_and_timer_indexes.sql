-- Counting an agent's open tickets (routing, their load on Redis) reads their own tickets only.
CREATE INDEX ticket_owner ON ticket (owner, status);

-- Every node polls for timers that are due and not fired; fired ones pile up behind them, so the index leads
-- with fired_at (only the null ones are read) and then the time they fall due.
CREATE INDEX sla_timer_pending ON sla_timer (fired_at, due_at);
