-- Entraide's first schema (SQLite). Times are Unix seconds; enums are short lowercase strings.
-- Never edit a landed migration: add the next number instead.

CREATE TABLE communities (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- Ids members type (#12) come from one counter per kind.
CREATE TABLE id_counters (
    kind  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    display_name TEXT NOT NULL,
    name_key     TEXT NOT NULL,          -- display name folded (case, accents) for look-ups
    lang         TEXT NOT NULL,
    place        TEXT,                   -- a city or neighbourhood, never an address
    role         TEXT NOT NULL,
    status       TEXT NOT NULL,
    sponsor_id   INTEGER REFERENCES members (id),
    joined_at    INTEGER NOT NULL
);
CREATE INDEX members_by_name ON members (community_id, name_key);

CREATE TABLE accounts (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES members (id),
    display_name TEXT NOT NULL,
    linked_at    INTEGER NOT NULL,
    PRIMARY KEY (community_id, platform, user_id)
);
CREATE INDEX accounts_by_member ON accounts (member_id, linked_at);

CREATE TABLE posts (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    author_id    INTEGER NOT NULL REFERENCES members (id),
    kind         TEXT NOT NULL,
    category     TEXT NOT NULL,
    text         TEXT NOT NULL,
    place_kind   TEXT NOT NULL,          -- online, local or unknown
    place        TEXT,
    state        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX posts_open ON posts (community_id, kind, state);
CREATE INDEX posts_by_author ON posts (author_id, state);

CREATE TABLE matches (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES posts (id),
    offer_id     INTEGER NOT NULL REFERENCES posts (id),
    requester_id INTEGER NOT NULL REFERENCES members (id),
    helper_id    INTEGER NOT NULL REFERENCES members (id),
    score        REAL NOT NULL,
    reasons      TEXT NOT NULL,          -- JSON list of reasons
    state        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX matches_by_request ON matches (request_id);
CREATE INDEX matches_by_helper ON matches (helper_id, state);

CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    code         TEXT NOT NULL,
    sponsor_id   INTEGER NOT NULL REFERENCES members (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_by      INTEGER REFERENCES members (id),
    used_at      INTEGER,
    UNIQUE (community_id, code)
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL,
    actor_id     INTEGER,
    action       TEXT NOT NULL,
    target_id    INTEGER,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX audit_by_community ON audit_log (community_id, id);

-- The persistent outbox: a message is written with the change that causes it, and marked
-- sent only after delivery. `key` is derived from the cause, so a cause enqueues once.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT NOT NULL UNIQUE,
    platform   TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,            -- JSON
    not_before INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    outcome    TEXT,                     -- NULL while pending; 'sent' or 'cancelled'
    sent_at    INTEGER
);
CREATE INDEX outbox_due ON outbox (platform, outcome, not_before);
CREATE INDEX outbox_by_recipient ON outbox (platform, recipient, outcome);
