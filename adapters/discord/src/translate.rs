//! Discord events as the core reads them: a slash command or a button becomes the command
//! text the core parses, a message in a channel or a DM becomes an `Incoming`, and a member
//! joining a guild is attributed by comparing the guild's invites before and after (Discord
//! never says which invite was used). Pure functions and a small bookkeeping struct.

use std::collections::HashMap;

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, JoinEvidence, Lang, Platform};
use entraide_core::service::ByHand;
use serenity::all::{CommandDataOptionValue, CommandInteraction, User};
use serenity::model::guild::audit_log::{Action, AuditLogEntry, Change as AuditChange, MemberAction};

use crate::commands;

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

/// A slash command as typed: `/besoin une perceuse`; a category chosen in the menu is a
/// hashtag (`/besoin une perceuse #prêt`).
pub fn command_text(command: &CommandInteraction) -> String {
    let mut text = format!("/{}", command.data.name);
    let lang = lang(&command.locale).unwrap_or(Lang::Fr);
    for option in &command.data.options {
        match &option.value {
            CommandDataOptionValue::String(value) if option.name == commands::CATEGORY => {
                if let Some(tag) = commands::category_tag(value, lang) {
                    text.push_str(&format!(" {tag}"));
                }
            }
            CommandDataOptionValue::String(value) => text.push_str(&format!(" {value}")),
            CommandDataOptionValue::Integer(value) => text.push_str(&format!(" {value}")),
            _ => {}
        }
    }
    text
}

/// The people a text mentions as Discord writes them (`<@123>`, or `<@!123>` from older
/// clients), where the member picker puts them, with their byte ranges.
pub fn mentions(text: &str) -> Vec<(std::ops::Range<usize>, AccountRef)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("<@").map(|at| from + at) {
        let rest = &text[start + 2..];
        let id_start = usize::from(rest.starts_with('!'));
        let digits = rest[id_start..].chars().take_while(char::is_ascii_digit).count();
        let end = start + 2 + id_start + digits;
        if digits > 0 && text[end..].starts_with('>') {
            found.push((start..end + 1, AccountRef::new(Platform::Discord, &text[start + 2 + id_start..end])));
            from = end + 1;
        } else {
            from = start + 2;
        }
    }
    found
}

/// A sanction made with Discord's own tools, from its audit log entry: what, by whom, to whom.
/// The bot's own actions come back as entries too, and are no one's; until the bot knows its
/// own id (`bot`), no entry is read.
pub fn by_hand(entry: &AuditLogEntry, bot: Option<u64>) -> Option<(ByHand, AccountRef, AccountRef)> {
    let action = match entry.action {
        Action::Member(MemberAction::BanAdd) => ByHand::Ban,
        Action::Member(MemberAction::BanRemove) => ByHand::Unban,
        Action::Member(MemberAction::Kick) => ByHand::Kick,
        Action::Member(MemberAction::Update) => timeout(entry.changes.as_deref())?,
        _ => return None,
    };
    if bot? == entry.user_id.get() {
        return None;
    }
    let target = entry.target_id?;
    let account = |id: String| AccountRef::new(Platform::Discord, id);
    Some((action, account(entry.user_id.to_string()), account(target.to_string())))
}

/// A timeout set or lifted in an audit log entry's changes (a member update), as a sanction
/// made by hand.
fn timeout(changes: Option<&[AuditChange]>) -> Option<ByHand> {
    changes?.iter().find_map(|change| match change {
        AuditChange::CommunicationDisabledUntil { new: Some(until), .. } => {
            Some(ByHand::Suspend { until: until.unix_timestamp() })
        }
        AuditChange::CommunicationDisabledUntil { old: Some(_), new: None } => Some(ByHand::Unsuspend),
        _ => None,
    })
}

/// Where a guild message or command was written: a request channel or not.
pub fn group(is_request_channel: bool) -> ChatContext {
    ChatContext::Group { request_channel: is_request_channel }
}

/// The uses of each invite of a guild, as last seen.
pub type Uses = HashMap<String, u64>;

/// How long, in seconds, an invite Discord deleted can explain a join.
const VANISHED_FOR: i64 = 60;

/// Attributes joins to invites by comparing the guild's invites with the last look: an
/// invite whose uses grew, or a single-use invite that vanished before its expiry (Discord
/// deletes it when used), explains a join. Two joins read together are both ambiguous
/// between the invites, never guessed.
#[derive(Debug, Default)]
pub struct Attribution {
    seen: Uses,
    /// When the bot's invites expire: one gone after that was not used.
    expires: HashMap<String, i64>,
    /// Invites Discord said it deleted (used up), not yet matched to a join: (code, when).
    vanished: Vec<(String, i64)>,
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

    /// Discord says an invite is gone (INVITE_DELETE): used up, unless the bot deleted it or
    /// it expired. Kept for the next join, which then needs no comparison to be explained.
    pub fn deleted(&mut self, code: &str, at: i64) {
        let expired = self.expires.remove(code).is_some_and(|expiry| at >= expiry);
        if self.seen.remove(code).is_some() && !expired {
            self.vanished.push((code.to_owned(), at));
        }
    }

    /// A join, given the guild's invites now (`None` when they could not be read) and the
    /// time.
    pub fn join(&mut self, now: Option<Uses>, at: i64) -> JoinEvidence {
        // A deletion explains a join that follows within a minute, no later (the joiner may
        // have left before Discord announced them).
        let mut candidates: Vec<String> = std::mem::take(&mut self.vanished)
            .into_iter()
            .filter(|(_, when)| at - when <= VANISHED_FOR)
            .map(|(code, _)| code)
            .collect();
        if let Some(now) = now {
            for (code, before) in &self.seen {
                let expired = self.expires.get(code).is_some_and(|expiry| at >= *expiry);
                match now.get(code) {
                    Some(after) if after > before => candidates.push(code.clone()),
                    None if !expired => candidates.push(code.clone()),
                    _ => {}
                }
            }
            self.expires.retain(|code, _| now.contains_key(code));
            self.seen = now;
        }
        candidates.sort();
        candidates.dedup();
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

    #[test]
    fn a_timeout_in_an_audit_log_entry_is_a_suspension() {
        let entry = |change: serde_json::Value| -> serenity::all::AuditLogEntry {
            serde_json::from_value(serde_json::json!({"id": "9", "action_type": 24, "user_id": "61",
                "target_id": "63", "reason": null, "changes": [change]}))
            .expect("an audit log entry")
        };
        let set = entry(serde_json::json!({"key": "communication_disabled_until",
            "new_value": "2026-12-07T10:00:00+00:00"}));
        assert_eq!(timeout(set.changes.as_deref()), Some(ByHand::Suspend { until: 1_796_637_600 }));
        let lifted = entry(serde_json::json!({"key": "communication_disabled_until",
            "old_value": "2026-12-07T10:00:00+00:00"}));
        assert_eq!(timeout(lifted.changes.as_deref()), Some(ByHand::Unsuspend));
        let nick = entry(serde_json::json!({"key": "nick", "new_value": "Chris"}));
        assert_eq!(timeout(nick.changes.as_deref()), None);
        // Who did it: a moderator's entry is read, the bot's own is not, nor any before the
        // bot knows its id.
        let (action, actor, target) = by_hand(&set, Some(111)).expect("a moderator's timeout");
        assert_eq!(
            (action, actor.user_id.as_str(), target.user_id.as_str()),
            (ByHand::Suspend { until: 1_796_637_600 }, "61", "63")
        );
        assert_eq!(by_hand(&set, Some(61)), None, "the bot's own");
        assert_eq!(by_hand(&set, None), None, "the bot's id not known yet");
        assert_eq!(by_hand(&nick, Some(111)), None, "a nickname is no sanction");
    }

    #[test]
    fn mentions_are_found_as_discord_writes_them() {
        let text = "/signaler <@200000000000000002> insulte <@!42> <@rôle> <@&7> <@12";
        let found = mentions(text);
        let ids: Vec<&str> = found.iter().map(|(_, account)| account.user_id.as_str()).collect();
        assert_eq!(ids, vec!["200000000000000002", "42"]);
        assert_eq!(&text[found[0].0.clone()], "<@200000000000000002>");
        assert_eq!(&text[found[1].0.clone()], "<@!42>");
        assert!(mentions("pas de mention").is_empty());
    }

    use super::*;

    fn uses(pairs: &[(&str, u64)]) -> Uses {
        pairs.iter().map(|(code, uses)| ((*code).to_owned(), *uses)).collect()
    }

    #[test]
    fn a_used_invite_explains_a_join() {
        let mut attribution = Attribution::new(uses(&[("a", 0), ("b", 0)]));
        // Single use: Discord deleted it.
        assert_eq!(attribution.join(Some(uses(&[("b", 0)])), 10), JoinEvidence::InviteLink("a".into()));
        attribution.made("c", 100);
        assert_eq!(attribution.join(Some(uses(&[("b", 1), ("c", 0)])), 20), JoinEvidence::InviteLink("b".into()));
        attribution.revoked("c");
        assert_eq!(
            attribution.join(Some(uses(&[("b", 1)])), 30),
            JoinEvidence::Unknown,
            "a revoked invite explains nothing"
        );
        attribution.made("d", 40);
        assert_eq!(attribution.join(Some(uses(&[("b", 1)])), 50), JoinEvidence::Unknown, "nor an expired one");
    }

    #[test]
    fn a_deleted_invite_explains_the_next_join_even_unread() {
        let mut attribution = Attribution::new(HashMap::new());
        attribution.made("e", 100);
        attribution.made("f", 100);
        attribution.deleted("e", 10);
        assert_eq!(attribution.join(None, 11), JoinEvidence::InviteLink("e".into()), "INVITE_DELETE said which");
        attribution.revoked("f");
        attribution.deleted("f", 12);
        assert_eq!(attribution.join(None, 13), JoinEvidence::Unknown, "the bot deleted it");
        attribution.made("g", 1_000);
        attribution.deleted("g", 20);
        assert_eq!(attribution.join(None, 500), JoinEvidence::Unknown, "too long ago to be this join");
    }

    #[test]
    fn joins_that_race_are_ambiguous_both() {
        let mut attribution = Attribution::new(uses(&[("a", 0), ("b", 0), ("c", 0)]));
        let both = JoinEvidence::Ambiguous(vec!["a".into(), "b".into()]);
        assert_eq!(attribution.join(Some(uses(&[("c", 0)])), 1), both, "two invites gone for one join");
        assert_eq!(attribution.join(Some(uses(&[("c", 0)])), 1), both, "the other join of the race");
        assert_eq!(attribution.join(Some(uses(&[("c", 0)])), 1), JoinEvidence::Unknown);
    }
}
