-- A national network (#25): each open post's analysis for matching, kept between starts so
-- that a start does not read 100,000 posts again; used only by the build whose fingerprint it
-- carries. It quotes the post's words, so it goes as soon as the post closes, its text or its
-- place changes (an erasure blanks both), or the post itself goes.
CREATE TABLE post_analyses (
    post_id     BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    analysis    BYTEA NOT NULL
);

CREATE FUNCTION post_analyses_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM post_analyses WHERE post_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_analyses_dropped AFTER UPDATE OF state, text, place, place_kind ON posts
FOR EACH ROW WHEN (NEW.state NOT IN ('open', 'proposed') OR NEW.text IS DISTINCT FROM OLD.text
    OR NEW.place IS DISTINCT FROM OLD.place OR NEW.place_kind IS DISTINCT FROM OLD.place_kind)
EXECUTE FUNCTION post_analyses_drop();
