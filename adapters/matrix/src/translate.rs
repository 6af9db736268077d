//! Matrix events as the core reads them: a text message becomes an `Incoming` (a `!`
//! command becomes the `/` command the core parses), someone arriving in a community room
//! becomes a `JoinEvent` (attributed when the bot itself invited them), a reaction or a reply
//! to one of the bot's questions becomes the answer it stands for. Pure functions over the
//! events' JSON, as the homeserver sends them (decrypted when they were encrypted).

use entraide_core::command::{self, ChatContext};
use entraide_core::model::{AccountRef, JoinEvidence, Platform};
use entraide_core::service::{ByHand, EventRef, Incoming, JoinEvent};
use serde_json::Value;

/// The content field where the bot lists a question's answers: reaction key → command.
/// Inside the event's content, so it is end-to-end encrypted with the text.
pub const CHOICES_FIELD: &str = "fr.entraide.choices";

/// What kind of room an event happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomKind {
    /// One of the community's rooms.
    Community {
        /// Every message there is a request.
        request_channel: bool,
    },
    /// A private room between the bot and one person.
    Direct,
    /// Anything else: ignored.
    Other,
}

/// What an event means to the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// A message to handle.
    Message {
        /// The event, for exactly-once handling.
        event: EventRef,
        /// The message.
        incoming: Incoming,
        /// The event it replies to, if any: a reply to a question answers it.
        reply_to: Option<String>,
        /// People it mentions with a link to their Matrix ID (pills), with the byte ranges
        /// of those mentions in the text.
        mentions: Vec<(std::ops::Range<usize>, AccountRef)>,
    },
    /// An image sent in a private room: for the member's conversation.
    Photo {
        /// The event.
        event: EventRef,
        /// Who sent it (text: its caption, if any).
        incoming: Incoming,
        /// The `m.image` content (where the file is, encrypted or not, and its size).
        content: Value,
        /// The event it replies to, if any.
        reply_to: Option<String>,
    },
    /// A reaction (✅, ❌…) to an event.
    Reaction {
        /// The event.
        event: EventRef,
        /// Who reacted (text: empty; the command is found from the target).
        incoming: Incoming,
        /// The reaction's key.
        key: String,
        /// The event reacted to.
        target: String,
    },
    /// Someone banned a member, or lifted their ban, from their own Matrix client.
    ByHand {
        /// The event.
        event: EventRef,
        /// Who did it.
        actor: AccountRef,
        /// To whom.
        target: AccountRef,
        /// What.
        action: ByHand,
    },
    /// Someone arrived in a community room (or knocked).
    Join {
        /// The event.
        event: EventRef,
        /// Who, and whether the bot invited them.
        join: JoinEvent,
    },
    /// A command edited in a private room: edits are not read (running it again could make a
    /// second request), and the member is told to send it anew.
    Edited {
        /// The edit's event.
        event: EventRef,
        /// Who edited.
        account: AccountRef,
    },
    /// Nothing the core handles (the bot's own events, notices, edits in rooms, other rooms…).
    Ignored,
}

/// The networks bridges carry into Matrix, as their puppets' and bots' IDs name them
/// (mautrix and the matrix.org bridges' defaults).
const BRIDGED_NETWORKS: &[&str] = &[
    "telegram",
    "discord",
    "whatsapp",
    "signal",
    "slack",
    "facebook",
    "instagram",
    "meta",
    "gmessages",
    "googlechat",
    "twitter",
    "linkedin",
    "imessage",
    "bluesky",
    "irc",
    "xmpp",
    "gitter",
    "sms",
];

/// Whether a Matrix ID is a bridge's (a puppet standing for someone on another network, or
/// the bridge's bot) rather than a person on Matrix: a localpart in an application
/// service's usual namespace (`_…`, `telegram_…`, `discordbot`). Never adopted: the person
/// behind a puppet is adopted on their own app, where the bot is too.
pub fn is_bridged(user_id: &str) -> bool {
    let localpart = user_id.trim_start_matches('@').split(':').next().unwrap_or_default().to_lowercase();
    localpart.starts_with('_')
        || BRIDGED_NETWORKS
            .iter()
            .any(|network| localpart.strip_prefix(network).is_some_and(|rest| rest.starts_with('_') || rest == "bot"))
}

/// Whether someone may post (`m.room.message`) with these power levels, with the spec's
/// defaults where a level is not set.
fn may_post(levels: &Value, user: &str) -> bool {
    let level = |value: &Value, default: i64| value.as_i64().unwrap_or(default);
    level(&levels["users"][user], level(&levels["users_default"], 0)) >= posting_level(levels)
}

/// The level posting (`m.room.message`) needs.
fn posting_level(levels: &Value) -> i64 {
    let level = |value: &Value, default: i64| value.as_i64().unwrap_or(default);
    level(&levels["events"]["m.room.message"], level(&levels["events_default"], 0))
}

/// The first person (not one of `not`) whose right to post changed between two power-level
/// contents, and whether they are now kept from posting. Clients change one person at a time.
/// A change of what posting needs (a room made announcement-only) is the room's, no one's
/// sanction: nobody.
fn mute_changed(before: &Value, after: &Value, not: &[&str]) -> Option<(String, bool)> {
    if posting_level(before) != posting_level(after) {
        return None;
    }
    let listed = |levels: &Value| levels["users"].as_object().map(|users| users.keys().cloned().collect::<Vec<_>>());
    let mut users = listed(before).unwrap_or_default();
    users.extend(listed(after).unwrap_or_default());
    users.sort();
    users.dedup();
    users
        .into_iter()
        .filter(|user| !not.contains(&user.as_str()))
        .find(|user| may_post(before, user) != may_post(after, user))
        .map(|user| {
            let muted = !may_post(after, &user);
            (user, muted)
        })
}

/// Reads one timeline event of a room. `me` is the bot's Matrix ID; `display_name` is the
/// sender's (or the joiner's) name as the room shows it.
pub fn translate(event: &Value, room: RoomKind, me: &str, display_name: &str) -> Inbound {
    let str_at = |pointer: &str| event.pointer(pointer).and_then(Value::as_str);
    let (Some(id), Some(sender), Some(kind)) = (str_at("/event_id"), str_at("/sender"), str_at("/type")) else {
        return Inbound::Ignored;
    };
    let chat = match room {
        RoomKind::Community { request_channel } => ChatContext::Group { request_channel },
        RoomKind::Direct => ChatContext::Private,
        RoomKind::Other => return Inbound::Ignored,
    };
    let event_ref = EventRef { platform: Platform::Matrix, id: id.to_owned(), cursor: None };
    // A bridge's puppet speaks for someone on another app, served there: what it writes, and
    // its comings and goings, are not a member's (never adopted, never held).
    if is_bridged(sender) || (kind == "m.room.member" && str_at("/state_key").is_some_and(is_bridged)) {
        return Inbound::Ignored;
    }
    match kind {
        "m.room.member" => {
            let Some(user) = str_at("/state_key").filter(|user| *user != me) else { return Inbound::Ignored };
            if room == RoomKind::Direct {
                return Inbound::Ignored;
            }
            let membership = str_at("/content/membership");
            let before = str_at("/unsigned/prev_content/membership");
            // Someone else (not the bot, nor the person) banned them, lifted their ban, or
            // kicked them, from their own client: a sanction made by hand.
            let by_hand = match (before, membership) {
                (Some(before), Some("ban")) if before != "ban" => Some(ByHand::Ban),
                (Some("ban"), Some(now)) if now != "ban" => Some(ByHand::Unban),
                (Some("join"), Some("leave")) => Some(ByHand::Kick),
                _ => None,
            };
            if let Some(action) = by_hand {
                if sender == me || sender == user {
                    return Inbound::Ignored;
                }
                return Inbound::ByHand { event: event_ref, actor: account(sender), target: account(user), action };
            }
            let request = match membership {
                Some("join") if before != Some("join") => false,
                Some("knock") => true,
                _ => return Inbound::Ignored,
            };
            // Only an invite the bot sent explains a join: the sponsor named this person.
            let invited_by_bot = before == Some("invite") && str_at("/unsigned/prev_sender") == Some(me);
            let evidence = match invited_by_bot && !request {
                true => JoinEvidence::InviteLink(user.to_owned()),
                false => JoinEvidence::Unknown,
            };
            let join = JoinEvent {
                account: account(user),
                display_name: name(display_name, user),
                lang: None,
                evidence,
                request,
            };
            Inbound::Join { event: event_ref, join }
        }
        _ if sender == me => Inbound::Ignored,
        // Someone kept from posting (a power level below what posting needs) from a client,
        // or let post again: a suspension made by hand. Matrix has no end date: the longest
        // suspension the community knows, which moderators can shorten.
        "m.room.power_levels" if room != RoomKind::Direct && sender != me => {
            let (Some(before), Some(after)) = (event.pointer("/unsigned/prev_content"), event.get("content")) else {
                return Inbound::Ignored;
            };
            let Some((user, now_muted)) = mute_changed(before, after, &[sender, me]) else { return Inbound::Ignored };
            let action = match now_muted {
                true => {
                    let at = event.get("origin_server_ts").and_then(Value::as_i64).unwrap_or(0) / 1000;
                    ByHand::Suspend { until: at + command::MAX_SUSPENSION_SECONDS }
                }
                false => ByHand::Unsuspend,
            };
            Inbound::ByHand { event: event_ref, actor: account(sender), target: account(&user), action }
        }
        "m.room.message" if room == RoomKind::Direct && str_at("/content/msgtype") == Some("m.image") => {
            // A caption, when the client sends one apart from the file's name.
            let caption = str_at("/content/filename").and_then(|_| str_at("/content/body")).unwrap_or_default();
            let incoming = Incoming {
                account: account(sender),
                display_name: name(display_name, sender),
                lang: None,
                chat,
                text: caption.to_owned(),
                message: None,
            };
            let reply_to = str_at("/content/m.relates_to/m.in_reply_to/event_id").map(str::to_owned);
            let content = event.get("content").cloned().unwrap_or_default();
            Inbound::Photo { event: event_ref, incoming, content, reply_to }
        }
        "m.room.message" if event.pointer("/content/m.new_content").is_some() => {
            let edited = str_at("/content/m.new_content/body").unwrap_or_default().trim_start();
            match room == RoomKind::Direct && edited.starts_with(['!', '/']) {
                true => Inbound::Edited { event: event_ref, account: account(sender) },
                false => Inbound::Ignored,
            }
        }
        "m.room.message" => {
            if str_at("/content/msgtype") != Some("m.text") {
                return Inbound::Ignored;
            }
            let Some(body) = str_at("/content/body") else { return Inbound::Ignored };
            let reply_to = str_at("/content/m.relates_to/m.in_reply_to/event_id").map(str::to_owned);
            let text = command_text(without_reply_fallback(body));
            let mentions = pills(&text, str_at("/content/formatted_body"));
            // Where it is (its room) is for the adapter to add: an event does not say.
            let incoming = Incoming {
                account: account(sender),
                display_name: name(display_name, sender),
                lang: None,
                chat,
                text,
                message: None,
            };
            Inbound::Message { event: event_ref, incoming, reply_to, mentions }
        }
        "m.reaction" if room == RoomKind::Direct => {
            let (Some(key), Some(target)) =
                (str_at("/content/m.relates_to/key"), str_at("/content/m.relates_to/event_id"))
            else {
                return Inbound::Ignored;
            };
            let incoming = Incoming {
                account: account(sender),
                display_name: name(display_name, sender),
                lang: None,
                chat,
                text: String::new(),
                message: None,
            };
            Inbound::Reaction { event: event_ref, incoming, key: key.to_owned(), target: target.to_owned() }
        }
        _ => Inbound::Ignored,
    }
}

/// Where a link to a Matrix ID starts (`https://matrix.to/#/@bob:example.org`).
const PILL: &str = "https://matrix.to/#/";

/// The Matrix user ID at the start of a link's rest (`@bob:example.org`, perhaps written
/// `%40bob%3Aexample.org`), and how many bytes it takes.
fn user_in_link(rest: &str) -> Option<(String, usize)> {
    let length = rest.find(|c: char| c.is_whitespace() || "\"'<>)?,".contains(c)).unwrap_or(rest.len());
    let id = rest[..length].replace("%40", "@").replace("%3A", ":").replace("%3a", ":");
    (id.starts_with('@') && id.contains(':')).then_some((id, length))
}

/// The people a message mentions with a link to their Matrix ID: the links written in its
/// text, and the pills of its HTML body (`<a href="https://matrix.to/#/@bob:x">Bob</a>`,
/// whose text shows only "Bob"), as byte ranges of `text` and accounts, in order.
pub fn pills(text: &str, formatted: Option<&str>) -> Vec<(std::ops::Range<usize>, AccountRef)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(PILL).map(|at| from + at) {
        let rest = &text[start + PILL.len()..];
        match user_in_link(rest) {
            Some((user, length)) => {
                found.push((start..start + PILL.len() + length, account(&user)));
                from = start + PILL.len() + length;
            }
            None => from = start + PILL.len(),
        }
    }
    let mut searched = 0;
    for anchor in formatted.unwrap_or_default().split("<a ").skip(1) {
        let Some(link) = anchor.find(PILL).map(|at| &anchor[at + PILL.len()..]) else { continue };
        let Some((user, _)) = user_in_link(link) else { continue };
        let Some(shown) = anchor.split_once('>').and_then(|(_, rest)| rest.split_once("</a>")).map(|(shown, _)| shown)
        else {
            continue;
        };
        if shown.is_empty() || shown.starts_with(PILL) {
            continue;
        }
        if let Some(at) = text[searched..].find(shown).map(|at| searched + at) {
            found.push((at..at + shown.len(), account(&user)));
            searched = at + shown.len();
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found.dedup_by(|later, earlier| later.0.start < earlier.0.end);
    found
}

/// The command an answer to a question stands for: a reaction key (✅), or the bare command
/// (`!accepter`), completed from the question's answers. `choices` is the question's
/// [`CHOICES_FIELD`].
pub fn choose(choices: &Value, answer: &str) -> Option<String> {
    let answer = command_text(answer.trim());
    let choices = choices.as_array()?;
    choices.iter().find_map(|choice| {
        let key = choice.get("key")?.as_str()?;
        let command = choice.get("command")?.as_str()?;
        let verb = command.split_whitespace().next()?;
        (answer == key || answer.trim_end_matches('\u{fe0f}') == key.trim_end_matches('\u{fe0f}') || answer == verb)
            .then(|| command.to_owned())
    })
}

/// A Matrix command as the core reads it: `!besoin …` is `/besoin …` (clients eat a leading
/// `/`, so Matrix bots use `!`).
pub fn command_text(body: &str) -> String {
    match body.strip_prefix('!') {
        Some(rest) if rest.starts_with(|c: char| c.is_alphabetic()) => format!("/{rest}"),
        _ => body.to_owned(),
    }
}

/// The core's texts name commands as they are typed elsewhere (`/accepter 3`); on Matrix
/// they are typed with `!`. A `/` that starts a word and is followed by a letter is one; one
/// quoted in backticks is left alone (a hint for another app, which names Matrix's apart).
pub fn matrix_commands(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || "(«\"'“:".contains(p));
        let command = c == '/' && starts_word && chars.peek().is_some_and(|next| next.is_alphabetic());
        out.push(if command { '!' } else { c });
        previous = Some(c);
    }
    out
}

/// A reply's own text, without the quoted lines older clients put before it.
pub fn without_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    match body.split_once("\n\n") {
        Some((quote, rest)) if quote.lines().all(|line| line.starts_with('>')) => rest,
        _ => body,
    }
}

/// A Matrix account as the core knows it: the full Matrix ID.
pub fn account(user: &str) -> AccountRef {
    AccountRef::new(Platform::Matrix, user.to_owned())
}

/// The name the room shows, or the ID's local part.
fn name(display_name: &str, user: &str) -> String {
    match display_name.trim() {
        "" => user.trim_start_matches('@').split(':').next().unwrap_or(user).to_owned(),
        shown => shown.to_owned(),
    }
}

/// The first Matrix user ID in what a sponsor wrote (`/inviter @lea:example.org, ma voisine`).
pub fn matrix_id_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').find_map(|word| {
        let word = word.trim_start_matches('(').trim_end_matches(['.', ')', '!']);
        let (local, server) = word.strip_prefix('@')?.split_once(':')?;
        let local_ok = !local.is_empty()
            && local.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._=-/+".contains(c));
        let server_ok = !server.is_empty() && server.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
        (local_ok && server_ok).then(|| word.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ME: &str = "@entraide:localhost";
    const ROOM: RoomKind = RoomKind::Community { request_channel: false };

    fn message(body: &str) -> Value {
        json!({"event_id": "$1", "sender": "@lea:localhost", "type": "m.room.message",
            "content": {"msgtype": "m.text", "body": body}})
    }

    #[test]
    fn what_bridge_puppets_write_or_do_is_nobodys() {
        let said = json!({"event_id": "$1", "sender": "@telegram_123:x", "type": "m.room.message",
            "content": {"msgtype": "m.text", "body": "/besoin une perceuse"}});
        assert_eq!(translate(&said, ROOM, ME, ""), Inbound::Ignored);
        let joined = json!({"type": "m.room.member", "event_id": "$j", "sender": "@telegram_123:x",
            "state_key": "@telegram_123:x", "content": {"membership": "join"}});
        assert_eq!(translate(&joined, ROOM, ME, ""), Inbound::Ignored);
    }

    #[test]
    fn bridge_puppets_and_bots_are_told_apart_from_people() {
        for bridged in ["@telegram_123456:x", "@discord_2000:x", "@_discord_2000:x", "@whatsappbot:x", "@_ooye_bot:x"] {
            assert!(is_bridged(bridged), "{bridged}");
        }
        for person in ["@erin:x", "@telegramme:x", "@signalement:x", "@ircam:x", "@bot:x", "@marie_dupont:x"] {
            assert!(!is_bridged(person), "{person}");
        }
    }

    #[test]
    fn a_power_level_below_posting_set_by_someone_else_is_a_suspension_by_hand() {
        let levels = |sender: &str, erin_before: i64, erin_after: i64| {
            json!({"type": "m.room.power_levels", "event_id": "$p", "sender": sender, "state_key": "",
                "origin_server_ts": 1_795_510_800_000_i64,
                "content": {"users": {"@mod:x": 50, "@erin:x": erin_after}, "events_default": 0},
                "unsigned": {"prev_content": {"users": {"@mod:x": 50, "@erin:x": erin_before}, "events_default": 0}}})
        };
        let Inbound::ByHand { actor, target, action, .. } = translate(&levels("@mod:x", 0, -1), ROOM, ME, "") else {
            panic!("a mute by hand");
        };
        assert_eq!((actor, target), (account("@mod:x"), account("@erin:x")));
        assert_eq!(action, ByHand::Suspend { until: 1_795_510_800 + command::MAX_SUSPENSION_SECONDS });
        let Inbound::ByHand { action, .. } = translate(&levels("@mod:x", -1, 0), ROOM, ME, "") else {
            panic!("lifted by hand");
        };
        assert_eq!(action, ByHand::Unsuspend);
        assert_eq!(translate(&levels(ME, 0, -1), ROOM, ME, ""), Inbound::Ignored, "the bot's own");
        assert_eq!(translate(&levels("@mod:x", 0, 10), ROOM, ME, ""), Inbound::Ignored, "a promotion is no sanction");
        // Posting made dearer for everyone changes no one's standing here, not even of someone
        // listed below the new level.
        let room_wide = json!({"type": "m.room.power_levels", "event_id": "$q", "sender": "@mod:x", "state_key": "",
            "content": {"users": {"@mod:x": 50, "@erin:x": 0}, "events_default": 10},
            "unsigned": {"prev_content": {"users": {"@mod:x": 50, "@erin:x": 0}, "events_default": 0}}});
        assert_eq!(translate(&room_wide, ROOM, ME, ""), Inbound::Ignored);
        let announcements = json!({"type": "m.room.power_levels", "event_id": "$r", "sender": "@mod:x",
            "state_key": "", "content": {"users": {"@erin:x": 0}, "events": {"m.room.message": 50}},
            "unsigned": {"prev_content": {"users": {"@erin:x": 0}}}});
        assert_eq!(translate(&announcements, ROOM, ME, ""), Inbound::Ignored);
    }

    #[test]
    fn a_ban_by_someone_else_is_a_sanction_by_hand() {
        let member = |sender: &str, membership: &str, before: &str| {
            json!({"type": "m.room.member", "event_id": "$b", "sender": sender, "state_key": "@erin:x",
                "content": {"membership": membership}, "unsigned": {"prev_content": {"membership": before}}})
        };
        let room = RoomKind::Community { request_channel: false };
        let Inbound::ByHand { actor, target, action, .. } = translate(&member("@mod:x", "ban", "join"), room, ME, "")
        else {
            panic!("a ban by hand");
        };
        assert_eq!((actor, target, action), (account("@mod:x"), account("@erin:x"), ByHand::Ban));
        let Inbound::ByHand { action, .. } = translate(&member("@mod:x", "leave", "ban"), room, ME, "") else {
            panic!("an unban by hand");
        };
        assert_eq!(action, ByHand::Unban);
        assert_eq!(translate(&member(ME, "ban", "join"), room, ME, ""), Inbound::Ignored, "the bot's own");
        let Inbound::ByHand { action, .. } = translate(&member("@mod:x", "leave", "join"), room, ME, "") else {
            panic!("a kick by hand");
        };
        assert_eq!(action, ByHand::Kick);
        let left = translate(&member("@erin:x", "leave", "join"), room, ME, "");
        assert_eq!(left, Inbound::Ignored, "leaving is no kick");
    }

    #[test]
    fn pills_name_the_account_they_link_to() {
        let text = "/bannir Bob Martin spam";
        let html = r#"!bannir <a href="https://matrix.to/#/@bob:example.org">Bob Martin</a> spam"#;
        let found = pills(text, Some(html));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "Bob Martin");
        assert_eq!(found[0].1, account("@bob:example.org"));
        let text = "/signaler https://matrix.to/#/%40eve%3Aexample.org propos";
        let found = pills(text, None);
        assert_eq!(&text[found[0].0.clone()], "https://matrix.to/#/%40eve%3Aexample.org");
        assert_eq!(found[0].1, account("@eve:example.org"));
        assert!(pills("/signaler https://matrix.to/#/!room:x", None).is_empty(), "a room is no one");
        assert!(pills("rien", Some("<b>rien</b>")).is_empty());
    }

    #[test]
    fn commands_start_with_an_exclamation_mark() {
        let Inbound::Message { incoming, event, reply_to, .. } =
            translate(&message("!besoin une perceuse"), ROOM, ME, "Léa")
        else {
            panic!("a message");
        };
        assert_eq!((incoming.text.as_str(), incoming.display_name.as_str()), ("/besoin une perceuse", "Léa"));
        assert_eq!(
            (incoming.account.user_id.as_str(), incoming.chat),
            ("@lea:localhost", ChatContext::Group { request_channel: false })
        );
        assert_eq!((event.id.as_str(), reply_to), ("$1", None));
        let Inbound::Message { incoming, .. } = translate(&message("!! bonjour"), RoomKind::Direct, ME, "") else {
            panic!("a message");
        };
        assert_eq!(
            (incoming.text.as_str(), incoming.display_name.as_str(), incoming.chat),
            ("!! bonjour", "lea", ChatContext::Private)
        );
        assert_eq!(translate(&message("!aide"), RoomKind::Other, ME, ""), Inbound::Ignored, "rooms of no community");
        let mut own = message("!aide");
        own["sender"] = json!(ME);
        assert_eq!(translate(&own, ROOM, ME, ""), Inbound::Ignored, "the bot's own messages");
        let mut notice = message("!aide");
        notice["content"]["msgtype"] = json!("m.notice");
        assert_eq!(translate(&notice, ROOM, ME, ""), Inbound::Ignored, "notices are other bots' talk");
        // An edit (as Element sends it) is never run: in a private room the member is told.
        let mut edit = message("* !besoin une perceuse sans fil");
        edit["content"]["m.new_content"] = json!({"msgtype": "m.text", "body": "!besoin une perceuse sans fil"});
        edit["content"]["m.relates_to"] = json!({"rel_type": "m.replace", "event_id": "$first"});
        assert!(matches!(translate(&edit, RoomKind::Direct, ME, ""), Inbound::Edited { .. }));
        assert_eq!(translate(&edit, ROOM, ME, ""), Inbound::Ignored, "an edit in a room");
        edit["content"]["m.new_content"]["body"] = json!("merci beaucoup");
        assert_eq!(translate(&edit, RoomKind::Direct, ME, ""), Inbound::Ignored, "an edited message to relay");
    }

    #[test]
    fn replies_and_reactions_answer_questions() {
        let mut reply = message("> <@entraide:localhost> Léa cherche de l'aide\n\n✅");
        reply["content"]["m.relates_to"] = json!({"m.in_reply_to": {"event_id": "$question"}});
        let Inbound::Message { incoming, reply_to, .. } = translate(&reply, RoomKind::Direct, ME, "Léa") else {
            panic!("a message");
        };
        assert_eq!((incoming.text.as_str(), reply_to.as_deref()), ("✅", Some("$question")));
        let choices = json!([{"key": "✅", "command": "/accepter 3"}, {"key": "❌", "command": "/refuser 3"}]);
        assert_eq!(choose(&choices, "✅").as_deref(), Some("/accepter 3"));
        assert_eq!(choose(&choices, "✅\u{fe0f}").as_deref(), Some("/accepter 3"));
        assert_eq!(choose(&choices, "!refuser").as_deref(), Some("/refuser 3"));
        assert_eq!(choose(&choices, "peut-être"), None);
        let reaction = json!({"event_id": "$r", "sender": "@lea:localhost", "type": "m.reaction",
            "content": {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$question", "key": "❌"}}});
        let Inbound::Reaction { key, target, .. } = translate(&reaction, RoomKind::Direct, ME, "Léa") else {
            panic!("a reaction");
        };
        assert_eq!((key.as_str(), target.as_str()), ("❌", "$question"));
    }

    #[test]
    fn only_the_bots_invites_explain_a_join() {
        let member = |before: Option<&str>, by: &str, now: &str| {
            let mut event = json!({"event_id": "$m", "sender": "@lea:localhost", "type": "m.room.member",
                "state_key": "@lea:localhost", "content": {"membership": now}, "unsigned": {}});
            if let Some(before) = before {
                event["unsigned"] = json!({"prev_content": {"membership": before}, "prev_sender": by});
            }
            translate(&event, ROOM, ME, "Léa")
        };
        let Inbound::Join { join, .. } = member(Some("invite"), ME, "join") else { panic!("a join") };
        assert_eq!((join.evidence, join.request), (JoinEvidence::InviteLink("@lea:localhost".into()), false));
        let Inbound::Join { join, .. } = member(Some("invite"), "@someone:localhost", "join") else { panic!("a join") };
        assert_eq!(join.evidence, JoinEvidence::Unknown, "invited by hand: held");
        let Inbound::Join { join, .. } = member(None, "", "join") else { panic!("a join") };
        assert_eq!(join.evidence, JoinEvidence::Unknown, "a public room joined");
        let Inbound::Join { join, .. } = member(Some("leave"), "", "knock") else { panic!("a knock") };
        assert!(join.request);
        assert_eq!(member(Some("join"), "", "join"), Inbound::Ignored, "a new display name");
        assert_eq!(member(Some("join"), "", "leave"), Inbound::Ignored);
    }

    #[test]
    fn commands_in_the_bots_texts_are_typed_with_an_exclamation_mark() {
        assert_eq!(
            matrix_commands("Tape /rejoindre CODE (ou /aide) : https://t.me/x et/ou 1/2 « /lieu »"),
            "Tape !rejoindre CODE (ou !aide) : https://t.me/x et/ou 1/2 « !lieu »"
        );
        // A hint for another app keeps that app's syntax.
        let hint = "écris depuis ce compte : `/lier K7QM` (sur Matrix : `!lier K7QM`)";
        assert_eq!(matrix_commands(hint), hint);
    }

    #[test]
    fn finds_the_matrix_id_a_sponsor_names() {
        assert_eq!(matrix_id_in("@lea:example.org, ma voisine").as_deref(), Some("@lea:example.org"));
        assert_eq!(
            matrix_id_in("ma voisine (@lea.m:matrix.example.org)").as_deref(),
            Some("@lea.m:matrix.example.org")
        );
        assert_eq!(matrix_id_in("Léa, ma voisine"), None);
        assert_eq!(matrix_id_in("@Lea:x"), None, "Matrix IDs are lower case");
    }
}
