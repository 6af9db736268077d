-- With triggers on matches (0027), SQLite plans a look at the relayed messages that point to
-- a match as it is written (for deferred foreign keys): by an index, not through every
-- message. In a migration of its own, so that it does not wait on relayed messages while
-- holding matches.
CREATE INDEX relay_messages_by_match ON relay_messages (match_id);
