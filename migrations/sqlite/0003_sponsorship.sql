-- Sponsorship in full: revoked invitations, withdrawn invite rights, one-time codes that link
-- another platform account to a membership.
ALTER TABLE invitations ADD COLUMN revoked_at INTEGER;
CREATE INDEX invitations_by_sponsor ON invitations (sponsor_id, created_at);

-- NULL while the member may invite; otherwise the moderator's reason for withdrawing it.
ALTER TABLE members ADD COLUMN invite_block TEXT;

CREATE TABLE link_codes (
    code         TEXT NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    PRIMARY KEY (community_id, code)
);
