-- Relays: once both sides of a match consent, the bot carries their conversation about the
-- request until either ends it, the request closes, or one of them is banned or suspended.
-- The relayed text itself lives only in the outbox, erased once delivered.
ALTER TABLE matches ADD COLUMN relay_closed_at BIGINT;
-- Matches confirmed before relays existed exchanged contacts then: no relay is open for them.
UPDATE matches SET relay_closed_at = updated_at WHERE state = 'confirmed';
-- Where the bot showed a relayed message (or opened a relay), so that a member's reply to it
-- on their app goes to the right conversation: (platform, the platform's message id) → match.
CREATE TABLE relay_messages (
    platform   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    match_id   BIGINT NOT NULL REFERENCES matches (id),
    PRIMARY KEY (platform, message_id)
);
