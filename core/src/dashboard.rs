//! The moderators' dashboard's way in: a moderator asks for a link in chat (`/tableau`), and
//! the link, used once within minutes, opens a session in their browser. No password: the
//! bot already knows the person behind each account. Only digests of links and sessions are
//! stored, so a copy of the database opens nothing; each form carries a token derived from the
//! session, which a page of another site cannot read.

use sha2::{Digest, Sha256};

use crate::model::{CommunityId, MemberId, Timestamp};

/// How long a link works, in seconds.
pub const LINK_TTL: i64 = 10 * 60;

/// How long a session lasts without a page opened, in seconds.
pub const SESSION_IDLE: i64 = 30 * 60;

/// How long a session lasts at most, in seconds: a moderator asks for a link again each day.
pub const SESSION_MAX: i64 = 12 * 3600;

/// How often a session's last use is written, in seconds: not on every page.
pub const SEEN_EVERY: i64 = 60;

/// Random bytes behind a link or a session (256 bits).
pub const SECRET_BYTES: usize = 32;

/// A one-time link to the dashboard, as stored: its digest, never the link itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLink {
    /// [`digest`] of the secret in the link.
    pub digest: String,
    /// The community.
    pub community_id: CommunityId,
    /// The moderator it was made for: only they are let in by it.
    pub member_id: MemberId,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it was used (it works once).
    pub used_at: Option<Timestamp>,
}

/// A browser's session on the dashboard, as stored: its digest, never the cookie's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    /// [`digest`] of the secret in the cookie.
    pub digest: String,
    /// The community.
    pub community_id: CommunityId,
    /// The moderator it is for.
    pub member_id: MemberId,
    /// When it was opened.
    pub created_at: Timestamp,
    /// When a page was last opened with it (written at most every [`SEEN_EVERY`] seconds).
    pub seen_at: Timestamp,
    /// When it ends whatever happens ([`SESSION_MAX`] after it opened).
    pub expires_at: Timestamp,
    /// When it was ended (signed out, or `/tableau fin`).
    pub ended_at: Option<Timestamp>,
}

impl WebSession {
    /// Whether it still lets its moderator in at `now`.
    pub fn is_live(&self, now: Timestamp) -> bool {
        self.ended_at.is_none() && now < self.expires_at && now < self.seen_at + SESSION_IDLE
    }
}

/// What a link or a cookie carries: random bytes, as lowercase hexadecimal.
pub fn secret(bytes: &[u8; SECRET_BYTES]) -> String {
    hex(bytes)
}

/// What is stored of a secret: its SHA-256, as hexadecimal.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The token every form of a session carries: derived from the session's secret (the
/// server needs nothing stored to check it), useless without it.
pub fn form_token(session_secret: &str) -> String {
    hex(&Sha256::digest(format!("entraide-form:{session_secret}").as_bytes()))
}

/// Whether `text` could be a secret this module made: what a link or cookie carries is
/// checked before it reaches the store.
pub fn is_secret(text: &str) -> bool {
    text.len() == 2 * SECRET_BYTES && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(seen_at: Timestamp, ended_at: Option<Timestamp>) -> WebSession {
        WebSession {
            digest: digest("x"),
            community_id: 1,
            member_id: 1,
            created_at: 1_000,
            seen_at,
            expires_at: 1_000 + SESSION_MAX,
            ended_at,
        }
    }

    #[test]
    fn a_session_ends_when_idle_too_long_at_its_end_or_when_ended() {
        assert!(session(1_000, None).is_live(1_000 + SESSION_IDLE - 1));
        assert!(!session(1_000, None).is_live(1_000 + SESSION_IDLE));
        let busy = 1_000 + SESSION_MAX - 10;
        assert!(session(busy, None).is_live(busy + 5));
        assert!(!session(busy, None).is_live(1_000 + SESSION_MAX));
        assert!(!session(1_000, Some(1_001)).is_live(1_002));
    }

    #[test]
    fn secrets_are_checked_before_any_lookup() {
        let made = secret(&[0xab; SECRET_BYTES]);
        assert!(is_secret(&made));
        assert!(!is_secret(&made[1..]));
        assert!(!is_secret(&made.to_uppercase()));
        assert!(!is_secret("<script>"));
        assert_ne!(digest(&made), made);
        assert_eq!(digest(&made).len(), 64);
        assert_ne!(form_token(&made), digest(&made));
    }
}
