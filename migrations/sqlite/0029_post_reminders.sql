-- The upkeep reads stale posts oldest first, a bounded number a round, through an index of
-- the open posts alone: the planner then never reads every open offer to find none stale.
-- Each post also keeps the activity (its `updated_at`) its author was last reminded of, so
-- that a reminder is read and sent once, not every round until the post expires.
ALTER TABLE posts ADD COLUMN reminded_for INTEGER;
CREATE INDEX posts_stale ON posts (community_id, kind, updated_at) WHERE state IN ('open', 'proposed');
