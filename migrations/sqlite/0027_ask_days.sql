-- `/stats` on a national network (#25): the asks of each day, counted as they are made and
-- answered, so that a year's statistics read a few thousand counts instead of every ask and
-- its request. Counted by the request's community and topic (neither ever changes), the UTC
-- day asked, whether the helper said yes and why they said no ('' when they did not).
-- Counts only: nobody can be told apart in them.
CREATE TABLE ask_days (
    community_id INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    topic        TEXT NOT NULL,
    accepted     BOOLEAN NOT NULL,
    reason       TEXT NOT NULL,
    asks         INTEGER NOT NULL,
    PRIMARY KEY (community_id, day, topic, accepted, reason)
) WITHOUT ROWID;

INSERT INTO ask_days (community_id, day, topic, accepted, reason, asks)
SELECT p.community_id, m.created_at / 86400, p.topic, m.accepted_at IS NOT NULL, COALESCE(m.decline_reason, ''), COUNT(*)
FROM matches m JOIN posts p ON p.id = m.request_id
GROUP BY p.community_id, m.created_at / 86400, p.topic, m.accepted_at IS NOT NULL, COALESCE(m.decline_reason, '');

CREATE TRIGGER ask_days_asked AFTER INSERT ON matches
BEGIN
    INSERT INTO ask_days (community_id, day, topic, accepted, reason, asks)
    SELECT community_id, NEW.created_at / 86400, topic, NEW.accepted_at IS NOT NULL, COALESCE(NEW.decline_reason, ''), 1
    FROM posts WHERE id = NEW.request_id
    ON CONFLICT (community_id, day, topic, accepted, reason) DO UPDATE SET asks = asks + 1;
END;

CREATE TRIGGER ask_days_answered AFTER UPDATE OF accepted_at, decline_reason ON matches
WHEN (OLD.accepted_at IS NULL) <> (NEW.accepted_at IS NULL) OR OLD.decline_reason IS NOT NEW.decline_reason
BEGIN
    UPDATE ask_days SET asks = asks - 1
    WHERE (community_id, day, topic, accepted, reason) = (SELECT community_id, OLD.created_at / 86400, topic,
        OLD.accepted_at IS NOT NULL, COALESCE(OLD.decline_reason, '') FROM posts WHERE id = OLD.request_id);
    INSERT INTO ask_days (community_id, day, topic, accepted, reason, asks)
    SELECT community_id, NEW.created_at / 86400, topic, NEW.accepted_at IS NOT NULL, COALESCE(NEW.decline_reason, ''), 1
    FROM posts WHERE id = NEW.request_id
    ON CONFLICT (community_id, day, topic, accepted, reason) DO UPDATE SET asks = asks + 1;
END;

CREATE TRIGGER ask_days_gone AFTER DELETE ON matches
BEGIN
    UPDATE ask_days SET asks = asks - 1
    WHERE (community_id, day, topic, accepted, reason) = (SELECT community_id, OLD.created_at / 86400, topic,
        OLD.accepted_at IS NOT NULL, COALESCE(OLD.decline_reason, '') FROM posts WHERE id = OLD.request_id);
END;
