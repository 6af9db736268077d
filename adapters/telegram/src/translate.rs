//! Telegram updates as the core reads them: a text message becomes an `Incoming` (private
//! chat or group, the author's language when Telegram gives it), someone appearing in a group
//! becomes a `JoinEvent` with the invite link they used. Pure functions over teloxide's types.

use entraide_core::command::{self, ChatContext};
use entraide_core::model::{AccountRef, JoinEvidence, Lang, Platform};
use entraide_core::service::{ByHand, EventRef, Incoming, JoinEvent, MAX_PHOTO_BYTES, MessageRef};
use teloxide::types::{ChatInviteLink, MessageEntity, MessageEntityKind, Update, UpdateKind, User};

use crate::OFFSET;

/// What an update means to the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// A message to handle, answered in `chat`.
    Message {
        /// The update, for exactly-once handling.
        event: EventRef,
        /// The message.
        incoming: Incoming,
        /// Where to answer.
        chat: i64,
        /// In a private chat, the bot's message it replies to ([`sent_id`]), with its text.
        reply_to: Option<(String, Option<String>)>,
        /// In a group, the author of the message it replies to, with its text (a report by
        /// reply names them).
        replied_in_group: Option<(AccountRef, String)>,
        /// People it mentions who have no username (Telegram links their name to their
        /// account), with the byte ranges of their names in the text.
        mentions: Vec<(std::ops::Range<usize>, AccountRef)>,
    },
    /// A photo sent privately: for the member's conversation (downloaded, then relayed).
    Photo {
        /// The update.
        event: EventRef,
        /// Who sent it, with its caption as text.
        incoming: Incoming,
        /// Telegram's file id of the largest size the bot relays.
        file: String,
        /// The bot's message it replies to ([`sent_id`]).
        reply_to: Option<String>,
    },
    /// A button tapped under one of the bot's messages: its command, as if typed privately.
    Tap {
        /// The update.
        event: EventRef,
        /// The command.
        incoming: Incoming,
        /// The query to answer (Telegram shows a spinner until then).
        query: String,
        /// The message the button was under (chat, message id), to remove its buttons.
        message: Option<(i64, i32)>,
    },
    /// A group admin banned someone, or lifted a ban, with Telegram's own tools.
    ByHand {
        /// The update.
        event: EventRef,
        /// Who did it.
        actor: AccountRef,
        /// To whom.
        target: AccountRef,
        /// What.
        action: ByHand,
    },
    /// Someone joined a group, or asked to.
    Join {
        /// The update.
        event: EventRef,
        /// Who, and through which link.
        join: JoinEvent,
        /// The group a join request waits in (the one to approve it in).
        request_in: Option<i64>,
    },
    /// Nothing the core handles (another bot, an edit, a sticker…).
    Ignored,
}

/// Reads an update; `is_request_channel` says whether a group's messages are all requests.
pub fn translate(update: &Update, is_request_channel: &dyn Fn(&str) -> bool) -> Inbound {
    let event = EventRef {
        platform: Platform::Telegram,
        id: update.id.0.to_string(),
        cursor: Some((OFFSET.to_owned(), (u64::from(update.id.0) + 1).to_string())),
    };
    match &update.kind {
        UpdateKind::Message(message) if message.chat.is_private() && message.photo().is_some() => {
            let Some(user) = message.from.as_ref().filter(|user| !user.is_bot) else { return Inbound::Ignored };
            // The largest size within what the core relays (Telegram lists them smallest first).
            let sizes = message.photo().unwrap_or_default();
            let fits = |size: u32| usize::try_from(size).is_ok_and(|size| size <= MAX_PHOTO_BYTES);
            let Some(best) = sizes.iter().rev().find(|size| fits(size.file.size)).or(sizes.first()) else {
                return Inbound::Ignored;
            };
            let incoming = Incoming {
                account: account(user),
                display_name: display_name(user),
                lang: lang(user),
                chat: ChatContext::Private,
                text: message.caption().unwrap_or_default().to_owned(),
                message: None,
            };
            let reply_to = message.reply_to_message().map(|replied| sent_id(message.chat.id.0, replied.id.0));
            Inbound::Photo { event, incoming, file: best.file.id.0.clone(), reply_to }
        }
        UpdateKind::Message(message) => {
            let (Some(user), Some(text)) = (message.from.as_ref(), message.text()) else { return Inbound::Ignored };
            // Bots, and posts made in the name of a chat (a linked channel's automatic forward,
            // which Telegram signs with its own service account, an anonymous admin).
            if user.is_bot || message.sender_chat.is_some() || user.id.0 == TELEGRAM_SERVICE_ACCOUNT {
                return Inbound::Ignored;
            }
            let chat = if message.chat.is_private() {
                ChatContext::Private
            } else {
                // A whole group, or one topic of a forum group (`CHAT/TOPIC`), can be a request channel.
                let chat = message.chat.id.0.to_string();
                let topic = message.thread_id.map(|thread| format!("{chat}/{}", thread.0.0));
                let request_channel =
                    is_request_channel(&chat) || topic.is_some_and(|topic| is_request_channel(&topic));
                ChatContext::Group { request_channel }
            };
            let incoming = Incoming {
                account: account(user),
                display_name: display_name(user),
                lang: lang(user),
                chat,
                text: text.to_owned(),
                message: Some(MessageRef { chat: message.chat.id.0.to_string(), id: message.id.0.to_string() }),
            };
            let reply_to = match incoming.chat {
                ChatContext::Private => message
                    .reply_to_message()
                    .map(|replied| (sent_id(message.chat.id.0, replied.id.0), replied.text().map(str::to_owned))),
                ChatContext::Group { .. } => None,
            };
            // A person's message with words (in a forum topic, a message that replies to none
            // still points at the topic's opening, a service message without text).
            let replied_in_group = match incoming.chat {
                ChatContext::Private => None,
                ChatContext::Group { .. } => message.reply_to_message().and_then(|replied| {
                    let author = replied.from.as_ref().filter(|author| !author.is_bot)?;
                    let text = replied.text().or(replied.caption())?;
                    Some((account(author), text.to_owned()))
                }),
            };
            let mentions = text_mentions(text, message.entities().unwrap_or_default());
            Inbound::Message { event, incoming, chat: message.chat.id.0, reply_to, replied_in_group, mentions }
        }
        UpdateKind::CallbackQuery(query) => {
            let Some(command) = query.data.as_deref().filter(|data| data.starts_with('/')) else {
                return Inbound::Ignored;
            };
            let incoming = Incoming {
                account: account(&query.from),
                display_name: display_name(&query.from),
                lang: lang(&query.from),
                chat: ChatContext::Private,
                text: command.to_owned(),
                message: None,
            };
            let message = query.message.as_ref().map(|m| (m.chat().id.0, m.id().0));
            Inbound::Tap { event, incoming, query: query.id.0.clone(), message }
        }
        UpdateKind::ChatMember(change) => {
            let user = &change.new_chat_member.user;
            // A person (not the bot, nor anyone on their own account) banned or unbanned them.
            let (old, new) = (&change.old_chat_member.kind, &change.new_chat_member.kind);
            let action = match (old.is_banned(), new.is_banned()) {
                (false, true) => Some(ByHand::Ban),
                (true, false) => Some(ByHand::Unban),
                // Kept from writing until a date: a suspension; with no end, the longest one
                // the community knows (`/suspendre`'s most), which moderators can shorten.
                _ => match (muted(old), muted(new)) {
                    (None, Some(Some(until))) => Some(ByHand::Suspend { until }),
                    (None, Some(None)) => {
                        Some(ByHand::Suspend { until: change.date.timestamp() + command::MAX_SUSPENSION_SECONDS })
                    }
                    (Some(_), None) if new.is_present() => Some(ByHand::Unsuspend),
                    _ => None,
                },
            };
            if let Some(action) = action
                && !change.from.is_bot
                && !user.is_bot
                && change.from.id != user.id
            {
                return Inbound::ByHand { event, actor: account(&change.from), target: account(user), action };
            }
            let arrived = change.new_chat_member.kind.is_present() && !change.old_chat_member.kind.is_present();
            if !arrived || user.is_bot {
                return Inbound::Ignored;
            }
            Inbound::Join { event, join: join(user, change.invite_link.as_ref(), false), request_in: None }
        }
        UpdateKind::ChatJoinRequest(request) => {
            let join = join(&request.from, request.invite_link.as_ref(), true);
            Inbound::Join { event, join, request_in: Some(request.chat.id.0) }
        }
        _ => Inbound::Ignored,
    }
}

/// Whether someone is kept from writing in a group: `Some(until)` when restricted from
/// sending messages (`None` inside: with no end), `None` when free to write.
fn muted(kind: &teloxide::types::ChatMemberKind) -> Option<Option<i64>> {
    use teloxide::types::{ChatMemberKind, UntilDate};
    match kind {
        ChatMemberKind::Restricted(restricted) if !restricted.can_send_messages => match restricted.until_date {
            UntilDate::Date(date) => Some(Some(date.timestamp())),
            UntilDate::Forever => Some(None),
        },
        _ => None,
    }
}

/// The account Telegram signs its own posts with (a channel's posts forwarded to its
/// discussion group): no person.
const TELEGRAM_SERVICE_ACCOUNT: u64 = 777_000;

/// The `text_mention` entities of a text (someone without a username, picked in the app),
/// as byte ranges (Telegram counts in UTF-16 code units) and accounts.
fn text_mentions(text: &str, entities: &[MessageEntity]) -> Vec<(std::ops::Range<usize>, AccountRef)> {
    // The byte where each UTF-16 offset starts.
    let byte_at = |utf16: usize| {
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if units >= utf16 {
                return Some(at);
            }
            units += c.len_utf16();
        }
        (units >= utf16).then_some(text.len())
    };
    let mut found: Vec<(std::ops::Range<usize>, AccountRef)> = entities
        .iter()
        .filter_map(|entity| match &entity.kind {
            MessageEntityKind::TextMention { user } if !user.is_bot => {
                let range = byte_at(entity.offset)?..byte_at(entity.offset + entity.length)?;
                Some((range, account(user)))
            }
            _ => None,
        })
        .collect();
    found.sort_by_key(|(range, _)| range.start);
    found
}

/// A message's id as the core keeps it: Telegram numbers messages per chat.
pub fn sent_id(chat: i64, message: i32) -> String {
    format!("{chat}/{message}")
}

/// Someone arriving (or asking to), through a link if Telegram says which.
fn join(user: &User, link: Option<&ChatInviteLink>, request: bool) -> JoinEvent {
    let evidence = match link {
        Some(link) => JoinEvidence::InviteLink(link.invite_link.clone()),
        None => JoinEvidence::Unknown,
    };
    JoinEvent { account: account(user), display_name: display_name(user), lang: lang(user), evidence, request }
}

fn account(user: &User) -> AccountRef {
    AccountRef::new(Platform::Telegram, user.id.0.to_string())
}

fn display_name(user: &User) -> String {
    match &user.last_name {
        Some(last) => format!("{} {last}", user.first_name),
        None => user.first_name.clone(),
    }
}

/// French or English when Telegram says so (`fr`, `fr-CA`, `en-GB`…).
fn lang(user: &User) -> Option<Lang> {
    let code = user.language_code.as_deref()?;
    Lang::parse(code.split('-').next().unwrap_or(code))
}

/// Whether a message is a command addressed to another bot (`/besoin@other_bot`): in a
/// group with several bots, Telegram adds the bot's username so that only one answers.
pub fn for_another_bot(update: &Update, me: &str) -> bool {
    let UpdateKind::Message(message) = &update.kind else { return false };
    let Some(command) = message.text().and_then(|text| text.trim_start().strip_prefix('/')) else { return false };
    let word = command.split_whitespace().next().unwrap_or_default();
    word.split_once('@').is_some_and(|(_, bot)| !bot.eq_ignore_ascii_case(me))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn update(value: serde_json::Value) -> Update {
        // As teloxide reads them: from the response's text.
        serde_json::from_str(&value.to_string()).expect("an update as the Bot API documents it")
    }

    fn from() -> serde_json::Value {
        json!({"id": 42, "is_bot": false, "first_name": "Léa", "last_name": "Martin", "language_code": "fr-CA"})
    }

    #[test]
    fn someone_without_a_username_is_mentioned_by_their_account() {
        let text = "/bannir 🙂 Zoé Martin spam";
        // Offsets in UTF-16: the emoji counts twice.
        let mentioned = json!({"id": 77, "is_bot": false, "first_name": "Zoé", "last_name": "Martin"});
        let parsed = update(json!({"update_id": 4, "message": {"message_id": 6, "date": 1_795_510_800,
            "from": from(), "text": text, "chat": {"id": -100, "type": "supergroup", "title": "G"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 7},
                         {"type": "text_mention", "offset": 11, "length": 10, "user": mentioned}]}}));
        let Inbound::Message { mentions, .. } = translate(&parsed, &|_| false) else { panic!("a message") };
        assert_eq!(mentions.len(), 1);
        assert_eq!(&text[mentions[0].0.clone()], "Zoé Martin");
        assert_eq!(mentions[0].1, AccountRef::new(Platform::Telegram, "77"));
    }

    #[test]
    fn commands_for_another_bot_are_not_for_entraide() {
        let text = |text: &str| {
            update(json!({"update_id": 3, "message": {"message_id": 5, "date": 1_795_510_800, "from": from(),
                "text": text, "chat": {"id": -100, "type": "supergroup", "title": "G"}}}))
        };
        for (written, other) in [
            ("/bannir@other_bot eve test", true),
            ("/besoin@OtherBot une tondeuse", true),
            ("/besoin@EntraideBot une tondeuse", false),
            ("/besoin@entraidebot une tondeuse", false),
            ("/besoin une tondeuse", false),
            ("je cherche une tondeuse, écrire à @other_bot", false),
            ("/signaler @eve insulte", false),
        ] {
            assert_eq!(for_another_bot(&text(written), "EntraideBot"), other, "{written}");
        }
    }

    #[test]
    fn a_topic_of_a_forum_group_can_be_a_request_channel() {
        let message = |thread: Option<i64>| {
            let mut message = json!({"message_id": 5, "date": 1_795_510_800, "from": from(), "text": "une échelle ?",
                "chat": {"id": -100, "type": "supergroup", "title": "G", "is_forum": true}});
            if let Some(thread) = thread {
                message["message_thread_id"] = json!(thread);
                message["is_topic_message"] = json!(true);
            }
            update(json!({"update_id": 9, "message": message}))
        };
        let channels = |chat: &str| chat == "-100/42";
        let parsed = message(Some(42));
        let Inbound::Message { event, incoming, chat, .. } = translate(&parsed, &channels) else {
            panic!("a message: {:?}", parsed.kind);
        };
        assert_eq!(incoming.chat, ChatContext::Group { request_channel: true });
        assert_eq!((incoming.display_name.as_str(), incoming.lang, chat), ("Léa Martin", Some(Lang::Fr), -100));
        assert_eq!(event.cursor, Some((OFFSET.to_owned(), "10".to_owned())), "resume after this update");
        let Inbound::Message { incoming, .. } = translate(&message(Some(7)), &channels) else { panic!() };
        assert_eq!(incoming.chat, ChatContext::Group { request_channel: false });
        let Inbound::Message { incoming, .. } = translate(&message(None), &channels) else { panic!() };
        assert_eq!(incoming.chat, ChatContext::Group { request_channel: false });
        // A channel's post forwarded to its discussion group is signed by Telegram's service
        // account, in the channel's name: nobody wrote it.
        let mut forwarded = json!({"message_id": 6, "date": 1_795_510_800, "text": "Nouvelle distribution",
            "from": {"id": 777_000, "is_bot": false, "first_name": "Telegram"}, "is_automatic_forward": true,
            "sender_chat": {"id": -1009, "type": "channel", "title": "Annonces"},
            "chat": {"id": -100, "type": "supergroup", "title": "G"}});
        assert_eq!(
            translate(&update(json!({"update_id": 10, "message": forwarded.clone()})), &channels),
            Inbound::Ignored
        );
        forwarded["from"] = from();
        assert_eq!(
            translate(&update(json!({"update_id": 11, "message": forwarded})), &channels),
            Inbound::Ignored,
            "in a chat's name"
        );
    }

    #[test]
    fn a_reply_in_a_group_names_the_author_of_the_message_it_answers() {
        let dave = json!({"id": 46, "is_bot": false, "first_name": "Dave"});
        let group = json!({"id": -100, "type": "supergroup", "title": "G"});
        let reply = |replied: serde_json::Value| {
            update(json!({"update_id": 9, "message": {"message_id": 6, "date": 1_795_510_800, "from": from(),
                "chat": group, "text": "/signaler propos agressifs", "reply_to_message": replied}}))
        };
        let answered = reply(json!({"message_id": 5, "date": 1_795_510_800, "from": dave, "chat": group,
            "text": "Tais-toi"}));
        let Inbound::Message { incoming, replied_in_group, reply_to, .. } = translate(&answered, &|_| false) else {
            panic!("a message");
        };
        let expected = (AccountRef::new(Platform::Telegram, "46"), "Tais-toi".to_owned());
        assert_eq!((replied_in_group, reply_to), (Some(expected), None));
        assert_eq!(incoming.message, Some(MessageRef { chat: "-100".into(), id: "6".into() }), "removable");
        // In a forum topic, a message points at the topic's opening, a service message.
        let opening = reply(json!({"message_id": 1, "date": 1_795_510_800, "from": dave, "chat": group,
            "forum_topic_created": {"name": "Entraide", "icon_color": 7322096}}));
        let Inbound::Message { replied_in_group, .. } = translate(&opening, &|_| false) else { panic!("a message") };
        assert_eq!(replied_in_group, None);
    }

    #[test]
    fn buttons_and_join_requests() {
        let tap = update(json!({"update_id": 3, "callback_query": {"id": "q1", "from": from(), "chat_instance": "c",
            "data": "/accepter 12", "message": {"message_id": 77, "date": 1_795_510_800, "chat": {"id": 42, "type": "private"},
            "text": "…"}}}));
        let Inbound::Tap { incoming, query, message, .. } = translate(&tap, &|_| false) else { panic!("a tap") };
        assert_eq!(
            (incoming.text.as_str(), incoming.chat, query.as_str()),
            ("/accepter 12", ChatContext::Private, "q1")
        );
        assert_eq!(message, Some((42, 77)));
        let asked = update(json!({"update_id": 4, "chat_join_request": {"chat": {"id": -100, "type": "supergroup",
            "title": "G"}, "from": from(), "user_chat_id": 42, "date": 1_795_510_800, "invite_link": {"invite_link": "https://t.me/+x",
            "creator": from(), "creates_join_request": true, "is_primary": false, "is_revoked": false}}}));
        let Inbound::Join { join, request_in, .. } = translate(&asked, &|_| false) else { panic!("a join") };
        assert_eq!(request_in, Some(-100), "approved where it waits");
        assert!(join.request);
        assert_eq!(join.evidence, JoinEvidence::InviteLink("https://t.me/+x".into()));
        let bot = update(json!({"update_id": 5, "message": {"message_id": 1, "date": 1_795_510_800, "text": "/aide",
            "chat": {"id": 7, "type": "private"}, "from": {"id": 7, "is_bot": true, "first_name": "b"}}}));
        assert_eq!(translate(&bot, &|_| false), Inbound::Ignored, "other bots are not members");
    }

    #[test]
    fn a_restriction_by_hand_is_a_suspension_with_or_without_an_end() {
        let muted = |until: i64| {
            json!({"user": {"id": 43, "is_bot": false, "first_name": "Bob"}, "status": "restricted",
                "is_member": true, "can_send_messages": false, "can_send_audios": false, "can_send_documents": false,
                "can_send_photos": false, "can_send_videos": false, "can_send_video_notes": false,
                "can_send_voice_notes": false, "can_send_polls": false, "can_send_other_messages": false,
                "can_add_web_page_previews": false, "can_change_info": false, "can_invite_users": false,
                "can_pin_messages": false, "can_manage_topics": false, "until_date": until})
        };
        let restricted = |until: i64| {
            update(json!({"update_id": 6, "chat_member": {"chat": {"id": -100, "type": "supergroup", "title": "G"},
                "from": from(), "date": 1_795_510_800,
                "old_chat_member": {"user": {"id": 43, "is_bot": false, "first_name": "Bob"}, "status": "member"},
                "new_chat_member": muted(until)}}))
        };
        let Inbound::ByHand { action, .. } = translate(&restricted(1_795_600_000), &|_| false) else {
            panic!("by hand")
        };
        assert_eq!(action, ByHand::Suspend { until: 1_795_600_000 });
        // 0 is Telegram's "until lifted".
        let Inbound::ByHand { action, .. } = translate(&restricted(0), &|_| false) else { panic!("by hand") };
        assert_eq!(action, ByHand::Suspend { until: 1_795_510_800 + command::MAX_SUSPENSION_SECONDS });
    }
}
