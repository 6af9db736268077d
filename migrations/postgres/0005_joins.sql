-- Joins on the platforms: native invite links per invitation (to attribute a join to its
-- invitation), and joins no invitation explains, held for moderators.
CREATE TABLE invitation_links (
    invitation_id BIGINT NOT NULL REFERENCES invitations (id),
    platform      TEXT NOT NULL,
    link          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (platform, link)
);
CREATE INDEX invitation_links_by_invitation ON invitation_links (invitation_id);

CREATE TABLE held_joins (
    id           BIGINT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    platform     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    display_name TEXT NOT NULL,
    candidates   TEXT NOT NULL,          -- JSON list of invitation ids when attribution was ambiguous
    created_at   BIGINT NOT NULL,
    settled_by   BIGINT REFERENCES members (id),
    outcome      TEXT                    -- NULL while held; 'approved' or 'rejected'
);
CREATE INDEX held_joins_open ON held_joins (community_id, outcome);
