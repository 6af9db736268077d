-- `/fiche` of a founder of a national network (#25): each member keeps how many people are
-- below them in the sponsor tree (everyone they brought in, directly or not), so that a page
-- of the tree is reached by skipping whole branches instead of walking 200,000 people. The
-- store adds to the sponsors' counts as members join. (Counted here for those already in; the
-- depth bound only guards against a cycle, which no rule allows.)
ALTER TABLE members ADD COLUMN descendants BIGINT NOT NULL DEFAULT 0;
WITH RECURSIVE up (member_id, ancestor_id, depth) AS (
    SELECT id, sponsor_id, 1 FROM members WHERE sponsor_id IS NOT NULL
    UNION ALL
    SELECT up.member_id, m.sponsor_id, up.depth + 1 FROM up JOIN members m ON m.id = up.ancestor_id
    WHERE m.sponsor_id IS NOT NULL AND up.depth < 1000
)
UPDATE members SET descendants = below.n
FROM (SELECT ancestor_id, COUNT(*) AS n FROM up GROUP BY ancestor_id) AS below
WHERE members.id = below.ancestor_id;
