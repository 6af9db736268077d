-- A recipient's messages go in the order they were meant for: a message waits behind an
-- earlier one meant for the same time or sooner (even while that one is retried), not behind
-- one scheduled for later (a follow-up in three days). `queued_for` keeps the time a message
-- was enqueued for; `not_before` moves with retries.
ALTER TABLE outbox ADD COLUMN queued_for INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET queued_for = not_before;
