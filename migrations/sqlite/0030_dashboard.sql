-- The moderators' dashboard: one-time links asked for in chat (`/tableau`) and the browser
-- sessions they open. Only SHA-256 digests of their secrets are kept: a copy of the database
-- opens nothing. Both go with their member when the member is erased.
CREATE TABLE web_links (
    digest       TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);
CREATE TABLE web_sessions (
    digest       TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    created_at   INTEGER NOT NULL,
    seen_at      INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ended_at     INTEGER
);
CREATE INDEX web_links_member ON web_links (member_id);
CREATE INDEX web_sessions_member ON web_sessions (member_id, created_at);
