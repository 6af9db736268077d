-- Moderation: suspensions with an end, the platform an audited action came from, reports,
-- hidden posts, posts a relais writes for someone off every platform, when a helper first
-- said yes (for statistics), and community settings moderators change from the chat.
ALTER TABLE members ADD COLUMN suspended_until INTEGER;
ALTER TABLE audit_log ADD COLUMN platform TEXT;
ALTER TABLE posts ADD COLUMN on_behalf_of TEXT;
ALTER TABLE matches ADD COLUMN accepted_at INTEGER;

CREATE INDEX audit_by_target ON audit_log (community_id, target_id);
CREATE INDEX audit_by_time ON audit_log (community_id, at);
CREATE INDEX posts_by_created ON posts (community_id, kind, created_at);

CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    reporter_id  INTEGER NOT NULL REFERENCES members (id),
    target_id    INTEGER NOT NULL REFERENCES members (id),
    post_id      INTEGER REFERENCES posts (id),        -- NULL when a member, not a post, is reported
    reason       TEXT NOT NULL,
    state        TEXT NOT NULL,                   -- open, taken, upheld, dismissed
    handler_id   INTEGER REFERENCES members (id),
    resolution   TEXT,
    created_at   INTEGER NOT NULL,
    settled_at   INTEGER
);
CREATE INDEX reports_by_state ON reports (community_id, state, id);
CREATE INDEX reports_by_target ON reports (target_id);
CREATE INDEX reports_by_reporter ON reports (reporter_id);

-- Settings moderators changed with /config, over the configuration file's values.
CREATE TABLE community_settings (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);
