-- A national network (#25): each open post's analysis for matching, kept between starts so
-- that a start does not read 100,000 posts again; used only by the build whose fingerprint it
-- carries. It quotes the post's words, so it goes as soon as the post closes, its text or its
-- place changes (an erasure blanks both), or the post itself goes.
CREATE TABLE post_analyses (
    post_id     INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    analysis    BLOB NOT NULL
);

CREATE TRIGGER post_analyses_dropped AFTER UPDATE OF state, text, place, place_kind ON posts
WHEN NEW.state NOT IN ('open', 'proposed') OR NEW.text IS NOT OLD.text OR NEW.place IS NOT OLD.place
    OR NEW.place_kind IS NOT OLD.place_kind
BEGIN
    DELETE FROM post_analyses WHERE post_id = NEW.id;
END;
