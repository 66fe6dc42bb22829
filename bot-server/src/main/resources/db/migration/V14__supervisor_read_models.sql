-- What the supervisor dashboard reads: read-only views over the tables other features own (complaint tickets and
-- their trail, conversations and messages, escalations, SLA events, follow-ups, staff). The supervisor feature names
-- only these views, so a change to another feature's table is met here, in one place. Each view shows one thing the
-- dashboard counts; PostgreSQL computes only the columns a query uses. PostgreSQL refuses to change the type of a
-- column a view reads: a later migration that does so drops the view first and creates it again after.

-- Every complaint ticket with its SLA state: whether its clock still runs (is_open), whether it is at risk (open,
-- no deadline missed, 75 % of a deadline's time used), and what the bot read in the message that made it a complaint.
CREATE VIEW supervisor_ticket AS
SELECT t.number, t.conversation_id, t.category, t.tier, t.status, t.queue, t.owner, t.remediation, t.created_at,
       t.first_responded_at, t.resolved_at, t.resolution_due_at, t.first_response_breached, t.resolution_breached,
       t.status NOT IN ('resolved', 'closed') AS is_open,
       t.status NOT IN ('resolved', 'closed') AND NOT t.first_response_breached AND NOT t.resolution_breached
           AND EXISTS (SELECT 1 FROM sla_event w WHERE w.ticket_id = t.id AND w.kind = 'warning' AND w.percent >= 75)
           AS at_risk,
       m.meta AS complaint_meta
FROM ticket t
LEFT JOIN escalation e ON e.id = t.escalation_id
LEFT JOIN message m ON m.conversation_id = e.conversation_id AND m.seq = e.message_seq;

-- Who holds each open complaint now (team and person), and since when: its last change of owner or queue, or its
-- filing.
CREATE VIEW supervisor_holder AS
SELECT t.number, t.tier, t.status, t.queue, t.owner,
       COALESCE((SELECT max(a.at) FROM ticket_audit a WHERE a.ticket_id = t.id
                 AND a.field IN ('owner', 'queue', 'created')), t.created_at) AS since,
       t.resolution_due_at, t.created_at
FROM ticket t
WHERE t.status NOT IN ('resolved', 'closed');

-- Every missed deadline, with the ticket it belongs to.
CREATE VIEW supervisor_breach AS
SELECT e.id, t.number, t.tier, t.queue, t.owner, e.target, e.due_at, e.fired_at
FROM sla_event e
JOIN ticket t ON t.id = e.ticket_id
WHERE e.kind = 'breach';

-- Each agent's presence, capacity and the open complaints they own.
CREATE VIEW supervisor_agent_load AS
SELECT s.username, s.display_name, s.presence, s.capacity,
       (SELECT count(*) FROM ticket t WHERE t.owner = s.username AND t.status NOT IN ('resolved', 'closed'))
           AS open_tickets
FROM staff s
WHERE s.role = 'agent';

-- Every conversation: its language, channel and start.
CREATE VIEW supervisor_conversation AS
SELECT c.id, c.language, c.channel, c.created_at
FROM conversation c;

-- Every message of every conversation, as stored (masked), with what the bot read (meta).
CREATE VIEW supervisor_transcript AS
SELECT m.conversation_id, m.seq, m.sender, m.text, m.meta, m.created_at
FROM message m;

-- Every conversation in which a customer wrote: what the bot read in its first reply, and whether the bot brought
-- a person in (an escalation) or settled it alone.
CREATE VIEW supervisor_self_service AS
SELECT c.id AS conversation_id, c.created_at,
       (SELECT m.meta FROM message m WHERE m.conversation_id = c.id AND m.sender = 'bot' ORDER BY m.seq LIMIT 1)
           AS first_reply_meta,
       EXISTS (SELECT 1 FROM escalation e WHERE e.conversation_id = c.id) AS escalated
FROM conversation c
WHERE EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.sender = 'customer');

-- Every answer to an NPS follow-up: when, and the score (0 to 10).
CREATE VIEW supervisor_nps_answer AS
SELECT f.answered_at, f.score
FROM followup f
WHERE f.score IS NOT NULL;
