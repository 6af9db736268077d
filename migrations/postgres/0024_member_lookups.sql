-- A national network (#25): the moderators to tell of a report or a ban are found among the
-- few with a role, not by stepping over 300,000 active members; the suspensions to lift,
-- among the suspended members only.
CREATE INDEX members_by_role ON members (community_id, role, status);
CREATE INDEX members_suspended ON members (community_id, suspended_until) WHERE status = 'suspended';

-- SQLite's `instr` (where a text appears, 0 if nowhere), so that both backends run the same
-- statements: an erasure finds the free texts that name a member with it. (Unless the orafce
-- extension already brought one, which does the same.)
DO $$
BEGIN
    IF to_regprocedure('instr(text, text)') IS NULL THEN
        CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
            LANGUAGE SQL IMMUTABLE STRICT AS $body$ SELECT strpos(haystack, needle) $body$;
    END IF;
END
$$;
