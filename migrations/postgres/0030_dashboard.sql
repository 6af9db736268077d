-- The moderators' dashboard: one-time links asked for in chat (`/tableau`) and the browser
-- sessions they open. Only SHA-256 digests of their secrets are kept: a copy of the database
-- opens nothing. Both go with their member when the member is erased.
CREATE TABLE web_links (
    digest       TEXT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    member_id    BIGINT NOT NULL REFERENCES members (id),
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE TABLE web_sessions (
    digest       TEXT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    member_id    BIGINT NOT NULL REFERENCES members (id),
    created_at   BIGINT NOT NULL,
    seen_at      BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ended_at     BIGINT
);
CREATE INDEX web_links_member ON web_links (member_id);
CREATE INDEX web_sessions_member ON web_sessions (member_id, created_at);
