-- After a write failed (a full disk), readiness comes back only when a write as large as a
-- command's goes through: the probe commits a row with 32 KB of filler here, then deletes it.
-- (A few bytes could fit in a disk that still refuses every command.)
CREATE TABLE write_probes (
    id     BIGINT PRIMARY KEY,
    filler BYTEA NOT NULL
);
