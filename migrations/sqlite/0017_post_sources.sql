-- The member's own message a post was written in (a `/besoin …` typed in a group), so that
-- hiding the post removes it there too, and not only the bot's announcement of it.
CREATE TABLE post_sources (
    post_id  INTEGER NOT NULL REFERENCES posts (id),
    platform TEXT NOT NULL,
    chat     TEXT NOT NULL,
    message  TEXT NOT NULL,
    author   TEXT NOT NULL,                   -- the account's id on the platform
    PRIMARY KEY (post_id, platform, chat, message)
);
