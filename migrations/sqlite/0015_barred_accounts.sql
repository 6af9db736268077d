-- A banned person who erases their data leaves no account behind, only a salted SHA-256
-- digest of each (a salt drawn per account): a returning account is recognised by hashing
-- it again, and the ban still holds. The digests cannot be read back into accounts.
CREATE TABLE barred_accounts (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    salt         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    barred_at    INTEGER NOT NULL,
    PRIMARY KEY (community_id, digest)
);
