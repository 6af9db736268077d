-- Entraide's first schema (PostgreSQL). Times are Unix seconds; enums are short lowercase strings.
-- Never edit a landed migration: add the next number instead.

CREATE TABLE communities (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- Ids members type (#12) come from one counter per kind.
CREATE TABLE id_counters (
    kind  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE members (
    id           BIGINT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    display_name TEXT NOT NULL,
    name_key     TEXT NOT NULL,          -- display name folded (case, accents) for look-ups
    lang         TEXT NOT NULL,
    place        TEXT,                   -- a city or neighbourhood, never an address
    role         TEXT NOT NULL,
    status       TEXT NOT NULL,
    sponsor_id   BIGINT REFERENCES members (id),
    joined_at    BIGINT NOT NULL
);
CREATE INDEX members_by_name ON members (community_id, name_key);

CREATE TABLE accounts (
    community_id BIGINT NOT NULL REFERENCES communities (id),
    platform     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id),
    display_name TEXT NOT NULL,
    linked_at    BIGINT NOT NULL,
    PRIMARY KEY (community_id, platform, user_id)
);
CREATE INDEX accounts_by_member ON accounts (member_id, linked_at);

CREATE TABLE posts (
    id           BIGINT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    author_id    BIGINT NOT NULL REFERENCES members (id),
    kind         TEXT NOT NULL,
    category     TEXT NOT NULL,
    text         TEXT NOT NULL,
    place_kind   TEXT NOT NULL,          -- online, local or unknown
    place        TEXT,
    state        TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX posts_open ON posts (community_id, kind, state);
CREATE INDEX posts_by_author ON posts (author_id, state);

CREATE TABLE matches (
    id           BIGINT PRIMARY KEY,
    request_id   BIGINT NOT NULL REFERENCES posts (id),
    offer_id     BIGINT NOT NULL REFERENCES posts (id),
    requester_id BIGINT NOT NULL REFERENCES members (id),
    helper_id    BIGINT NOT NULL REFERENCES members (id),
    score        DOUBLE PRECISION NOT NULL,
    reasons      TEXT NOT NULL,          -- JSON list of reasons
    state        TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX matches_by_request ON matches (request_id);
CREATE INDEX matches_by_helper ON matches (helper_id, state);

CREATE TABLE invitations (
    id           BIGINT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    code         TEXT NOT NULL,
    sponsor_id   BIGINT NOT NULL REFERENCES members (id),
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_by      BIGINT REFERENCES members (id),
    used_at      BIGINT,
    UNIQUE (community_id, code)
);

CREATE TABLE audit_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL,
    actor_id     BIGINT,
    action       TEXT NOT NULL,
    target_id    BIGINT,
    reason       TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX audit_by_community ON audit_log (community_id, id);

-- The persistent outbox: a message is written with the change that causes it, and marked
-- sent only after delivery. `key` is derived from the cause, so a cause enqueues once.
CREATE TABLE outbox (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    platform   TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,            -- JSON
    not_before BIGINT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    outcome    TEXT,                     -- NULL while pending; 'sent' or 'cancelled'
    sent_at    BIGINT
);
CREATE INDEX outbox_due ON outbox (platform, outcome, not_before);
CREATE INDEX outbox_by_recipient ON outbox (platform, recipient, outcome);
