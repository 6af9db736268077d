-- Delivery: several processes claim outbox rows with leases that expire if a process dies;
-- urgent platform actions (a ban) go first; a message that keeps failing is parked (outcome
-- 'parked') with its last error, for moderators to see and retry. Inbound events are
-- deduplicated and platform cursors kept here, written with the state they change.
ALTER TABLE outbox ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_pending ON outbox (platform, outcome, priority, id);
-- The matching index catches up with the posts changed since it last looked.
CREATE INDEX posts_changed ON posts (community_id, kind, updated_at);

CREATE TABLE inbound_events (
    platform    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (platform, event_id)
);

CREATE TABLE cursors (
    name  TEXT PRIMARY KEY,                   -- e.g. telegram:offset, matrix:since
    value TEXT NOT NULL
);

-- Accounts a platform refused to write to until the person writes to the bot (never started
-- the Telegram bot, closed their Discord DMs): their messages wait, then go in order.
CREATE TABLE unreachable_accounts (
    platform TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    since    BIGINT NOT NULL,
    hinted   BIGINT,                         -- when a group answer told them how to fix it
    PRIMARY KEY (platform, user_id)
);

-- Where a platform shows a post (the bot's answer in a group), to edit it when it closes.
CREATE TABLE post_messages (
    post_id  BIGINT NOT NULL REFERENCES posts (id),
    platform TEXT NOT NULL,
    chat     TEXT NOT NULL,
    message  TEXT NOT NULL,
    PRIMARY KEY (post_id, platform, chat, message)
);

-- A native link whose invitation expired unused is revoked on its platform once.
ALTER TABLE invitation_links ADD COLUMN retired_at BIGINT;
