-- Relays: once both sides of a match consent, the bot carries their conversation about the
-- request until either ends it, the request closes, or one of them is banned or suspended.
-- The relayed text itself lives only in the outbox, erased once delivered.
ALTER TABLE matches ADD COLUMN relay_closed_at BIGINT;
