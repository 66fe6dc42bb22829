-- Failed logins per account, shared by every node: the count since the last success or unlock, until when the
-- account must wait before its next try, and until when it is locked.
ALTER TABLE staff ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE staff ADD COLUMN login_wait_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;

-- Moved on when the account is disabled or its password changes: a session opened before ends at its next request.
ALTER TABLE staff ADD COLUMN login_epoch INTEGER DEFAULT 0 NOT NULL;

-- An account's history, newest last.
CREATE INDEX staff_audit_username ON staff_audit (username, at);
