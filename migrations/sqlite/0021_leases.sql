-- Who holds each platform connection (the Telegram poller, the Matrix sync, a Discord shard)
-- when several processes share one PostgreSQL database: one holder at a time, renewed by
-- heartbeat. The token grows each time the lease changes hands (a fencing token), so a
-- holder that lost it can tell.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    token      INTEGER NOT NULL,
    until      INTEGER NOT NULL,
    renewed_at INTEGER NOT NULL
);
