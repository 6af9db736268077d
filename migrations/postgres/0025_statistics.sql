-- `/stats` on a national network (#25): a year's 150,000 requests are counted from indexes
-- that hold every column counted. By category, place and state, in that order, so that they
-- are counted as they are read; by week, with when a helper first said yes (kept on the
-- request from now on, for the median delay, instead of reading every match). The asks of
-- the period are found by time, the invitations of the period by community and time.
ALTER TABLE posts ADD COLUMN first_yes_at BIGINT;
UPDATE posts SET first_yes_at = (SELECT MIN(m.accepted_at) FROM matches m WHERE m.request_id = posts.id)
WHERE kind = 'request';
CREATE INDEX posts_counted ON posts (community_id, kind, category, place_kind, place, state, created_at);
DROP INDEX posts_by_created;
CREATE INDEX posts_by_creation ON posts (community_id, kind, created_at, state, first_yes_at);
CREATE INDEX matches_by_time ON matches (created_at);
CREATE INDEX invitations_by_time ON invitations (community_id, created_at, used_by);
