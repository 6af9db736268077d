-- Time credits (échanges solidaires): a double-entry ledger. Each transaction moves minutes
-- between members: its entries sum to zero, so balances always do. A transaction has a cause
-- that happens once (a request paid to a helper, a correction of a transaction), and a
-- correction is a compensating transaction, never an edit.
CREATE TABLE ledger_transactions (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    cause        TEXT NOT NULL UNIQUE,
    request_id   INTEGER REFERENCES posts (id),
    corrects     INTEGER REFERENCES ledger_transactions (id),
    reason       TEXT,
    at           INTEGER NOT NULL
);
CREATE TABLE ledger_entries (
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    member_id      INTEGER NOT NULL REFERENCES members (id),
    minutes        INTEGER NOT NULL,
    PRIMARY KEY (transaction_id, member_id)
);
CREATE INDEX ledger_entries_by_member ON ledger_entries (member_id);
