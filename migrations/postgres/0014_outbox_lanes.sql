-- A platform action (a ban, a restriction, a role, an invite link) never waits behind a
-- message to a person, whom the platform may not let the bot write to for hours (never
-- started the bot, DMs closed, outside the server): each recipient has two queues, one of
-- messages and one of actions, each kept in order.
ALTER TABLE outbox ADD COLUMN action BIGINT NOT NULL DEFAULT 0;
UPDATE outbox SET action = 1
    WHERE (body::jsonb ->> 'type') NOT IN ('text', 'choices', 'image', 'document');
CREATE INDEX outbox_lane ON outbox (platform, recipient, action, outcome);
