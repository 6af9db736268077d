-- The relayed messages that point to a match, by an index (as in SQLite, where the triggers
-- on matches, 0027, make each write of a match look them up). In a migration of its own:
-- 0027 holds a lock on matches, and waiting on relayed messages then could deadlock with a
-- command writing both.
CREATE INDEX relay_messages_by_match ON relay_messages (match_id);
