-- Round-robin routing: when each agent last got a ticket, so the next goes to whoever waited longest.
ALTER TABLE staff ADD COLUMN last_assigned_at TIMESTAMP WITH TIME ZONE;
