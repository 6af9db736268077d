-- `/stats` on a national network (#25): the asks of each day, counted as they are made and
-- answered, so that a year's statistics read a few thousand counts instead of every ask and
-- its request. Counted by the request's community and topic (neither ever changes), the UTC
-- day asked, whether the helper said yes and why they said no ('' when they did not).
-- Counts only: nobody can be told apart in them.

-- No ask is written between the count below and the triggers (another process may be
-- serving): it would be counted by neither.
LOCK TABLE matches IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE ask_days (
    community_id BIGINT NOT NULL,
    day          BIGINT NOT NULL,
    topic        TEXT NOT NULL,
    accepted     BOOLEAN NOT NULL,
    reason       TEXT NOT NULL,
    asks         BIGINT NOT NULL,
    PRIMARY KEY (community_id, day, topic, accepted, reason)
);

INSERT INTO ask_days (community_id, day, topic, accepted, reason, asks)
SELECT p.community_id, m.created_at / 86400, p.topic, m.accepted_at IS NOT NULL, COALESCE(m.decline_reason, ''), COUNT(*)
FROM matches m JOIN posts p ON p.id = m.request_id
GROUP BY p.community_id, m.created_at / 86400, p.topic, m.accepted_at IS NOT NULL, COALESCE(m.decline_reason, '');

-- One ask counted out (as it was) and in (as it is now).
CREATE FUNCTION ask_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE ask_days a SET asks = a.asks - 1 FROM posts p
        WHERE p.id = OLD.request_id AND a.community_id = p.community_id AND a.day = OLD.created_at / 86400
            AND a.topic = p.topic AND a.accepted = (OLD.accepted_at IS NOT NULL)
            AND a.reason = COALESCE(OLD.decline_reason, '');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ask_days (community_id, day, topic, accepted, reason, asks)
        SELECT p.community_id, NEW.created_at / 86400, p.topic, NEW.accepted_at IS NOT NULL,
            COALESCE(NEW.decline_reason, ''), 1
        FROM posts p WHERE p.id = NEW.request_id
        ON CONFLICT (community_id, day, topic, accepted, reason) DO UPDATE SET asks = ask_days.asks + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ask_days_asked AFTER INSERT OR DELETE ON matches
FOR EACH ROW EXECUTE FUNCTION ask_days_count();

CREATE TRIGGER ask_days_answered AFTER UPDATE OF accepted_at, decline_reason ON matches
FOR EACH ROW WHEN ((OLD.accepted_at IS NULL) <> (NEW.accepted_at IS NULL)
    OR OLD.decline_reason IS DISTINCT FROM NEW.decline_reason)
EXECUTE FUNCTION ask_days_count();
