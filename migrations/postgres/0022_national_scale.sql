-- A national network (#25): the sponsor tree is walked sponsor by sponsor, the audit log is
-- read newest first by who acted, on whom or what was done, and upkeep finds the members to
-- ask whether they are still there without stepping over those already set aside. A
-- member's own matches and the invitation they used are found by member, not by a scan; the
-- invite links still to revoke are found among the live ones.
CREATE INDEX members_by_sponsor ON members (sponsor_id, id);
CREATE INDEX audit_by_actor ON audit_log (community_id, actor_id, at, id);
CREATE INDEX audit_by_action ON audit_log (community_id, action, at, id);
CREATE INDEX audit_by_target_time ON audit_log (community_id, target_id, at, id);
DROP INDEX audit_by_target;
CREATE INDEX members_unseen ON members (community_id, status, inactive_since, last_seen_at);
DROP INDEX members_by_last_seen;
CREATE INDEX matches_by_requester ON matches (requester_id);
CREATE INDEX invitations_by_user ON invitations (used_by);
CREATE INDEX invitation_links_live ON invitation_links (invitation_id) WHERE retired_at IS NULL;
