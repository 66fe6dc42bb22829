-- Whether a complaint repeats an earlier one of the same customer (within the severity rules' window), as a fact
-- the complaint feature records when it files the ticket, rather than text other features search its reasons for.
-- Tickets filed before this version say so in their reasons, which the rules wrote as "repeat complaint: ...".
ALTER TABLE ticket ADD COLUMN repeat BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE ticket SET repeat = TRUE WHERE reasons LIKE '%repeat complaint%';
