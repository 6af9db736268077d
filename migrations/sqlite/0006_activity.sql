-- Activity, humanely: when a member was last seen, when they were asked whether they are
-- still there, and since when they are inactive (no longer matched; never removed).
ALTER TABLE members ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN reminded_at INTEGER;
ALTER TABLE members ADD COLUMN inactive_since INTEGER;
-- Existing members count as seen when this runs: nobody is marked inactive without a reminder.
UPDATE members SET last_seen_at = CAST(strftime('%s', 'now') AS INTEGER);
CREATE INDEX members_by_last_seen ON members (community_id, status, last_seen_at);
CREATE INDEX posts_by_update ON posts (community_id, kind, state, updated_at);
