-- Counting an agent's open tickets (routing, their load on Redis) reads their own tickets only.
CREATE INDEX ticket_owner ON ticket (owner, status);
