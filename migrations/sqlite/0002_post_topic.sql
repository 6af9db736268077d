-- Each post's topic (from the matching thesaurus: tools, childcare, paperwork…), for
-- statistics of requests met and unmet by topic and place.
ALTER TABLE posts ADD COLUMN topic TEXT NOT NULL DEFAULT 'other';
CREATE INDEX posts_by_topic ON posts (community_id, kind, topic);
