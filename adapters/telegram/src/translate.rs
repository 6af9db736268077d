//! Telegram updates as the core reads them: a text message becomes an `Incoming` (private
//! chat or group, the author's language when Telegram gives it), someone appearing in a group
//! becomes a `JoinEvent` with the invite link they used. Pure functions over teloxide's types.

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, JoinEvidence, Lang, Platform};
use entraide_core::service::{EventRef, Incoming, JoinEvent};
use teloxide::types::{Update, UpdateKind, User};

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
    /// Someone joined a group.
    Join {
        /// The update.
        event: EventRef,
        /// Who, and through which link.
        join: JoinEvent,
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
        UpdateKind::Message(message) => {
            let (Some(user), Some(text)) = (message.from.as_ref(), message.text()) else { return Inbound::Ignored };
            if user.is_bot {
                return Inbound::Ignored;
            }
            let chat = if message.chat.is_private() {
                ChatContext::Private
            } else {
                ChatContext::Group { request_channel: is_request_channel(&message.chat.id.0.to_string()) }
            };
            let incoming = Incoming {
                account: account(user),
                display_name: display_name(user),
                lang: lang(user),
                chat,
                text: text.to_owned(),
            };
            Inbound::Message { event, incoming, chat: message.chat.id.0 }
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
            };
            let message = query.message.as_ref().map(|m| (m.chat().id.0, m.id().0));
            Inbound::Tap { event, incoming, query: query.id.0.clone(), message }
        }
        UpdateKind::ChatMember(change) => {
            let user = &change.new_chat_member.user;
            let arrived = change.new_chat_member.kind.is_present() && !change.old_chat_member.kind.is_present();
            if !arrived || user.is_bot {
                return Inbound::Ignored;
            }
            let evidence = match &change.invite_link {
                Some(link) => JoinEvidence::InviteLink(link.invite_link.clone()),
                None => JoinEvidence::Unknown,
            };
            let join = JoinEvent {
                account: account(user),
                display_name: display_name(user),
                lang: lang(user),
                evidence,
                request: false,
            };
            Inbound::Join { event, join }
        }
        UpdateKind::ChatJoinRequest(request) => {
            let user = &request.from;
            let evidence = match &request.invite_link {
                Some(link) => JoinEvidence::InviteLink(link.invite_link.clone()),
                None => JoinEvidence::Unknown,
            };
            let join = JoinEvent {
                account: account(user),
                display_name: display_name(user),
                lang: lang(user),
                evidence,
                request: true,
            };
            Inbound::Join { event, join }
        }
        _ => Inbound::Ignored,
    }
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
