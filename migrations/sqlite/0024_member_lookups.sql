-- A national network (#25): the moderators to tell of a report or a ban are found among the
-- few with a role, not by stepping over 300,000 active members; the suspensions to lift,
-- among the suspended members only.
CREATE INDEX members_by_role ON members (community_id, role, status);
CREATE INDEX members_suspended ON members (community_id, suspended_until) WHERE status = 'suspended';
