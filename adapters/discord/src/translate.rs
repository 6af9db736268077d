//! Discord events as the core reads them: a slash command or a button becomes the command
//! text the core parses, a message in a channel or a DM becomes an `Incoming`, and a member
//! joining a guild is attributed by comparing the guild's invites before and after (Discord
//! never says which invite was used). Pure functions and a small bookkeeping struct.

use std::collections::HashMap;

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, JoinEvidence, Lang, Platform};
use serenity::all::{CommandDataOptionValue, CommandInteraction, User};

/// A Discord account as the core knows it.
pub fn account(user: &User) -> AccountRef {
    AccountRef::new(Platform::Discord, user.id.get().to_string())
}

/// The name Discord shows for someone.
pub fn display_name(user: &User) -> String {
    user.global_name.clone().unwrap_or_else(|| user.name.clone())
}

/// French or English from Discord's locale (`fr`, `en-US`…).
pub fn lang(locale: &str) -> Option<Lang> {
    Lang::parse(locale.split('-').next().unwrap_or(locale))
}

/// A slash command as typed: `/besoin une perceuse`.
pub fn command_text(command: &CommandInteraction) -> String {
    let mut text = format!("/{}", command.data.name);
    for option in &command.data.options {
        match &option.value {
            CommandDataOptionValue::String(value) => text.push_str(&format!(" {value}")),
            CommandDataOptionValue::Integer(value) => text.push_str(&format!(" {value}")),
            _ => {}
        }
    }
    text
}

/// Where a guild message or command was written: a request channel or not.
pub fn group(is_request_channel: bool) -> ChatContext {
    ChatContext::Group { request_channel: is_request_channel }
}

/// The uses of each invite of a guild, as last seen.
pub type Uses = HashMap<String, u64>;

/// Attributes joins to invites by comparing the guild's invites with the last look: an
/// invite whose uses grew, or a single-use invite that vanished before its expiry (Discord
/// deletes it when used), explains a join. Two joins read together are both ambiguous
/// between the invites, never guessed.
#[derive(Debug, Default)]
pub struct Attribution {
    seen: Uses,
    /// When the bot's invites expire: one gone after that was not used.
    expires: HashMap<String, i64>,
    /// Candidates still owed to joins that raced: (candidates, joins still to explain).
    owed: Option<(Vec<String>, usize)>,
}

impl Attribution {
    /// Starts from the guild's invites as they are.
    pub fn new(seen: Uses) -> Self {
        Self { seen, ..Self::default() }
    }

    /// An invite the bot made: known, unused, until `expires_at`.
    pub fn made(&mut self, code: &str, expires_at: i64) {
        self.seen.insert(code.to_owned(), 0);
        self.expires.insert(code.to_owned(), expires_at);
    }

    /// An invite the bot deletes: its disappearance explains no join.
    pub fn revoked(&mut self, code: &str) {
        self.seen.remove(code);
        self.expires.remove(code);
    }

    /// A join, given the guild's invites now and the time.
    pub fn join(&mut self, now: Uses, at: i64) -> JoinEvidence {
        let mut candidates: Vec<String> = Vec::new();
        for (code, before) in &self.seen {
            let expired = self.expires.get(code).is_some_and(|expiry| at >= *expiry);
            match now.get(code) {
                Some(after) if after > before => candidates.push(code.clone()),
                None if !expired => candidates.push(code.clone()),
                _ => {}
            }
        }
        candidates.sort();
        self.expires.retain(|code, _| now.contains_key(code));
        self.seen = now;
        if candidates.is_empty()
            && let Some((owed, left)) = self.owed.take()
        {
            // The other half of a race read earlier: the same candidates.
            if left > 1 {
                self.owed = Some((owed.clone(), left - 1));
            }
            return JoinEvidence::Ambiguous(owed);
        }
        // A join that explains itself settles any race still owed.
        self.owed = None;
        match candidates.len() {
            0 => JoinEvidence::Unknown,
            1 => JoinEvidence::InviteLink(candidates.remove(0)),
            several => {
                self.owed = Some((candidates.clone(), several - 1));
                JoinEvidence::Ambiguous(candidates)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(pairs: &[(&str, u64)]) -> Uses {
        pairs.iter().map(|(code, uses)| ((*code).to_owned(), *uses)).collect()
    }

    #[test]
    fn a_used_invite_explains_a_join() {
        let mut attribution = Attribution::new(uses(&[("a", 0), ("b", 0)]));
        // Single use: Discord deleted it.
        assert_eq!(attribution.join(uses(&[("b", 0)]), 10), JoinEvidence::InviteLink("a".into()));
        attribution.made("c", 100);
        assert_eq!(attribution.join(uses(&[("b", 1), ("c", 0)]), 20), JoinEvidence::InviteLink("b".into()));
        attribution.revoked("c");
        assert_eq!(attribution.join(uses(&[("b", 1)]), 30), JoinEvidence::Unknown, "a revoked invite explains nothing");
        attribution.made("d", 40);
        assert_eq!(attribution.join(uses(&[("b", 1)]), 50), JoinEvidence::Unknown, "nor an expired one");
    }

    #[test]
    fn joins_that_race_are_ambiguous_both() {
        let mut attribution = Attribution::new(uses(&[("a", 0), ("b", 0), ("c", 0)]));
        let both = JoinEvidence::Ambiguous(vec!["a".into(), "b".into()]);
        assert_eq!(attribution.join(uses(&[("c", 0)]), 1), both, "two invites gone for one join");
        assert_eq!(attribution.join(uses(&[("c", 0)]), 1), both, "the other join of the race");
        assert_eq!(attribution.join(uses(&[("c", 0)]), 1), JoinEvidence::Unknown);
    }
}
