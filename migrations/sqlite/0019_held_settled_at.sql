-- When a held join was settled: a newcomer who waits is told how long moderators usually
-- take (the median of the last decisions). Joins settled before this migration have none.
ALTER TABLE held_joins ADD COLUMN settled_at INTEGER;
