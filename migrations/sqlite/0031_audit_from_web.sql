-- Whether a moderator acted from the dashboard rather than from a chat app: the log says so.
ALTER TABLE audit_log ADD COLUMN from_web INTEGER NOT NULL DEFAULT 0;
