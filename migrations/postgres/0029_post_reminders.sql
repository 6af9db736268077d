-- The upkeep reads stale posts oldest first, a bounded number a round, through an index of
-- the open posts alone: the planner, which cannot know that open posts are recent, then
-- never reads every open offer to find none stale (docs/performance.md).
-- Each post also keeps the activity (its `updated_at`) its author was last reminded of, so
-- that a reminder is read and sent once, not every round until the post expires.
ALTER TABLE posts ADD COLUMN reminded_for BIGINT;
CREATE INDEX posts_stale ON posts (community_id, kind, updated_at) WHERE state IN ('open', 'proposed');
