-- Why a ticket waits on the customer: up to 500 characters, as every other reason a member of staff gives (a longer
-- one is refused with 400; before, one over 200 failed in the database with a 500).
ALTER TABLE ticket_pause ALTER COLUMN reason SET DATA TYPE VARCHAR(500);
