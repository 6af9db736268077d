-- Activity, humanely: when a member was last seen, and since when they are inactive
-- (reminded, then no longer matched; never removed automatically).
ALTER TABLE members ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN inactive_since INTEGER;
UPDATE members SET last_seen_at = joined_at;
CREATE INDEX members_by_last_seen ON members (community_id, status, last_seen_at);
CREATE INDEX posts_by_update ON posts (community_id, kind, state, updated_at);
