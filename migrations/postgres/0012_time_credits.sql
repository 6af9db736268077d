-- Time credits (échanges solidaires): a double-entry ledger. Each transaction moves minutes
-- between members: its entries sum to zero, so balances always do. A transaction has a cause
-- that happens once (a request paid to a helper, a correction of a transaction), and a
-- correction is a compensating transaction, never an edit.
CREATE TABLE ledger_transactions (
    id           BIGINT PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    cause        TEXT NOT NULL UNIQUE,
    request_id   BIGINT REFERENCES posts (id),
    corrects     BIGINT REFERENCES ledger_transactions (id),
    reason       TEXT,
    at           BIGINT NOT NULL
);
CREATE TABLE ledger_entries (
    transaction_id BIGINT NOT NULL REFERENCES ledger_transactions (id),
    member_id      BIGINT NOT NULL REFERENCES members (id),
    minutes        BIGINT NOT NULL,
    PRIMARY KEY (transaction_id, member_id)
);
CREATE INDEX ledger_entries_by_member ON ledger_entries (member_id);
