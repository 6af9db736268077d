//! Names and account ids as they enter Entraide (from a platform, the import or the
//! configuration). Invisible and direction-changing characters are dropped from what a platform
//! sends and refused in what an admin writes: "al\u{200b}ice" would look like "alice" while
//! being another name. Each platform's user ids have their own shape, and none is an e-mail.
//!
//! [`clean`] strips; [`check_name`] and [`check_user_id`] refuse, saying why ([`NameError`]).

use crate::model::Platform;
use crate::place::{self, PlaceError};

// Where they are written, beside what uses them; kept reachable here, where callers look.
pub use crate::invisible::{clean, code_point, find_invisible, is_invisible};

/// Longest display name kept, in characters (what the service keeps of a platform's name).
pub const MAX_NAME_CHARS: usize = 64;

/// Longest account id accepted, in characters (a Matrix ID may be 255 bytes).
pub const MAX_USER_ID_CHARS: usize = 255;

/// Why a name or an account id is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing but blanks.
    #[error("is empty")]
    Empty,
    /// Longer than the limit.
    #[error("is longer than {max} characters")]
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// Holds a character that shows nothing or turns the text around.
    #[error("holds an invisible or direction-changing character ({code})", code = code_point(*.0))]
    Invisible(char),
    /// Holds an e-mail address, a phone number or a link.
    #[error("holds contact details ({0})")]
    Contact(PlaceError),
    /// Not the shape of a user id on that platform.
    #[error("is not a {0} user id ({expected})", expected = expected(*.0))]
    BadId(Platform),
}

/// A display name as an admin writes it (import, configuration): not empty, at most
/// [`MAX_NAME_CHARS`], nothing invisible, no e-mail, phone number or link. Returns it trimmed.
pub fn check_name(text: &str) -> Result<String, NameError> {
    let name = text.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong { max: MAX_NAME_CHARS });
    }
    if let Some(c) = find_invisible(name) {
        return Err(NameError::Invisible(c));
    }
    if let Some(contact) = place::contact(name) {
        return Err(NameError::Contact(contact));
    }
    Ok(name.to_owned())
}

/// An account id as an admin writes it, in the shape its platform gives: Telegram a numeric
/// user id or a username (`@martine_lyon`), Discord a numeric id, Matrix `@name:server`, the
/// console a name. Never an e-mail address.
pub fn check_user_id(platform: Platform, text: &str) -> Result<(), NameError> {
    let id = text.trim();
    if id.is_empty() {
        return Err(NameError::Empty);
    }
    if id.chars().count() > MAX_USER_ID_CHARS {
        return Err(NameError::TooLong { max: MAX_USER_ID_CHARS });
    }
    if let Some(c) = find_invisible(id) {
        return Err(NameError::Invisible(c));
    }
    if platform != Platform::Matrix && place::contact(id) == Some(PlaceError::Email) {
        return Err(NameError::Contact(PlaceError::Email));
    }
    let fits = match platform {
        Platform::Telegram => numeric(id) || telegram_username(id.strip_prefix('@').unwrap_or(id)),
        Platform::Discord => numeric(id),
        Platform::Matrix => matrix_id(id),
        Platform::Console => !id.contains('@') && check_name(id).is_ok(),
    };
    if fits { Ok(()) } else { Err(NameError::BadId(platform)) }
}

/// What a platform's user ids look like, for error messages in English (the configuration's).
fn expected(platform: Platform) -> &'static str {
    match platform {
        Platform::Telegram => "a numeric id or an @username",
        Platform::Discord => "a numeric id",
        Platform::Matrix => "@name:server",
        Platform::Console => "a name without @",
    }
}

/// A positive number that fits 64 bits: Telegram's and Discord's user ids.
fn numeric(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_digit()) && id.parse::<u64>().is_ok_and(|n| n > 0)
}

/// A Telegram username: a letter, then letters, digits and underscores; 32 at most.
fn telegram_username(name: &str) -> bool {
    name.len() <= 32
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `@localpart:server.name[:port]`, with the characters the Matrix specification allows.
fn matrix_id(id: &str) -> bool {
    let Some((local, server)) = id.strip_prefix('@').and_then(|rest| rest.split_once(':')) else {
        return false;
    };
    !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._=-/+".contains(&b))
        && server.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '[')
        && server.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_direction_changing_characters_are_dropped() {
        let cases = [
            ("al\u{200B}ice", "alice"),
            ("\u{FEFF}alice", "alice"),
            ("ali\u{200D}ce\u{2060}", "alice"),
            ("\u{202E}ecila", "ecila"),
            ("a\u{2066}li\u{2069}ce", "alice"),
            ("Marie\u{00A0}\u{200B} Dupont", "Marie Dupont"),
            ("Lyon \u{200B} 3e", "Lyon 3e"),
            ("\u{200B}\u{200C}\u{200E}", ""),
            ("bo\u{0000}b\u{0007}", "bob"),
            ("Jean\u{3164}", "Jean"),
            ("Zoé 🌻\u{FE0F}", "Zoé 🌻"),
            ("  Saint-Étienne  ", "Saint-Étienne"),
        ];
        for (raw, kept) in cases {
            assert_eq!(clean(raw), kept, "{raw:?}");
        }
    }

    #[test]
    fn names_with_hidden_characters_or_contact_details_are_refused() {
        assert_eq!(check_name("  Martine  "), Ok("Martine".to_owned()));
        assert_eq!(check_name("Jean-Pierre O'Neil"), Ok("Jean-Pierre O'Neil".to_owned()));
        assert_eq!(check_name("al\u{200B}ice"), Err(NameError::Invisible('\u{200B}')));
        assert_eq!(check_name("\u{202E}ecila"), Err(NameError::Invisible('\u{202E}')));
        assert_eq!(check_name(" "), Err(NameError::Empty));
        assert_eq!(check_name(&"a".repeat(65)), Err(NameError::TooLong { max: 64 }));
        assert_eq!(check_name("bob@example.org"), Err(NameError::Contact(PlaceError::Email)));
        assert_eq!(check_name("Marie 06 12 34 56 78"), Err(NameError::Contact(PlaceError::Phone)));
        assert_eq!(check_name("www.marie.fr"), Err(NameError::Contact(PlaceError::Link)));
        let message = NameError::Invisible('\u{200B}').to_string();
        assert!(message.contains("U+200B"), "{message}");
    }

    #[test]
    fn user_ids_have_their_platform_shape_and_are_never_e_mails() {
        let good = [
            (Platform::Telegram, "123456789"),
            (Platform::Telegram, "@martine_lyon"),
            (Platform::Telegram, "karim69"),
            (Platform::Discord, "412345678901234567"),
            (Platform::Matrix, "@sophie:matrix.org"),
            (Platform::Matrix, "@bot.entraide:example.org:8448"),
            (Platform::Console, "alice"),
            (Platform::Console, "Marie Dupont"),
        ];
        for (platform, id) in good {
            assert_eq!(check_user_id(platform, id), Ok(()), "{platform} {id}");
        }
        let bad = [
            (Platform::Telegram, "bob@example.org", NameError::Contact(PlaceError::Email)),
            (Platform::Discord, "bob@example.org", NameError::Contact(PlaceError::Email)),
            (Platform::Console, "bob@example.org", NameError::Contact(PlaceError::Email)),
            (Platform::Matrix, "bob@example.org", NameError::BadId(Platform::Matrix)),
            (Platform::Telegram, "-1001234567890", NameError::BadId(Platform::Telegram)),
            (Platform::Telegram, "@bob smith", NameError::BadId(Platform::Telegram)),
            (Platform::Telegram, "0", NameError::BadId(Platform::Telegram)),
            (Platform::Discord, "jp#4242", NameError::BadId(Platform::Discord)),
            (Platform::Discord, "99999999999999999999999", NameError::BadId(Platform::Discord)),
            (Platform::Matrix, "@sophie", NameError::BadId(Platform::Matrix)),
            (Platform::Matrix, "sophie:matrix.org", NameError::BadId(Platform::Matrix)),
            (Platform::Matrix, "@:matrix.org", NameError::BadId(Platform::Matrix)),
            (Platform::Console, "@alice", NameError::BadId(Platform::Console)),
            (Platform::Telegram, "al\u{200B}ice", NameError::Invisible('\u{200B}')),
            (Platform::Telegram, "", NameError::Empty),
        ];
        for (platform, id, error) in bad {
            assert_eq!(check_user_id(platform, id), Err(error), "{platform} {id:?}");
        }
        let huge = "1".repeat(100_000);
        assert_eq!(check_user_id(Platform::Discord, &huge), Err(NameError::TooLong { max: MAX_USER_ID_CHARS }));
    }
}
