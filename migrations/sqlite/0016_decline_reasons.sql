-- Why a helper said no (not now / not what I offer), for the live precision of matching; and
-- the needs an offer is no longer proposed for, because its author said so (reversible: the
-- author can restore them). A need is a thesaurus concept id ("chainsaw", "cat").
ALTER TABLE matches ADD COLUMN decline_reason TEXT;

CREATE TABLE offer_exclusions (
    offer_id   INTEGER NOT NULL REFERENCES posts (id),
    concept    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (offer_id, concept)
);
