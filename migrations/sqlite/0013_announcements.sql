-- Announcements: posted once by a moderator (or proposed by a member as an alert and
-- approved), shown in every group of the community on every platform, withdrawn everywhere
-- at once. Where each was shown is kept, so that it can be taken down.
CREATE TABLE announcements (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    author_id    INTEGER NOT NULL REFERENCES members (id),
    text         TEXT NOT NULL,
    state        TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE TABLE announcement_messages (
    announcement_id INTEGER NOT NULL REFERENCES announcements (id),
    platform        TEXT NOT NULL,
    chat            TEXT NOT NULL,
    message         TEXT NOT NULL,
    PRIMARY KEY (platform, chat, message)
);
