-- Several sponsors: a candidate becomes a member once K members in good standing vouched.
-- A member vouches once per candidate; the invitation that brought a candidate is its
-- sponsor's vouch.
CREATE TABLE vouches (
    candidate_id BIGINT NOT NULL REFERENCES members (id),
    voucher_id   BIGINT NOT NULL REFERENCES members (id),
    at           BIGINT NOT NULL,
    PRIMARY KEY (candidate_id, voucher_id)
);
