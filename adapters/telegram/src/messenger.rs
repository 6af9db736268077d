//! The outbox's Telegram messages and actions as Bot API calls: private texts and files to
//! the member's chat with the bot; bans, restrictions and removals in every group of the
//! community; invite links made (and reported back to the core) or revoked. Telegram's
//! answers become the dispatcher's retry, wait or park decisions.

use std::sync::Arc;

use async_trait::async_trait;
use entraide_core::model::{AccountRef, Outgoing, OutgoingBody, Platform};
use entraide_core::ports::{DeliveryError, Messenger};
use entraide_core::service::Service;
use teloxide::payloads::{
    CreateChatInviteLinkSetters, PinChatMessageSetters, RestrictChatMemberSetters, SendDocumentSetters,
    SendMessageSetters, SendPhotoSetters, UnbanChatMemberSetters,
};
use teloxide::prelude::Requester;
use teloxide::types::{
    ChatId, ChatPermissions, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, UserId,
};
use teloxide::{ApiError, Bot, RequestError};

/// Sends the outbox's Telegram share.
#[derive(Clone)]
pub struct TelegramMessenger {
    bot: Bot,
    groups: Vec<ChatId>,
    service: Arc<Service>,
    requests: crate::JoinRequests,
}

impl TelegramMessenger {
    /// A messenger acting in these groups; the service hears of the invite links it makes.
    pub fn new(bot: Bot, groups: Vec<i64>, service: Arc<Service>) -> Self {
        Self {
            bot,
            groups: groups.into_iter().map(ChatId).collect(),
            service,
            requests: crate::JoinRequests::default(),
        }
    }

    /// Where someone's join request was seen to wait; a request seen before a restart is
    /// looked for in every group.
    fn requests_of(&self, user: u64) -> Vec<ChatId> {
        match self.requests.get(&user) {
            Some(chats) => chats.iter().copied().map(ChatId).collect(),
            None => self.groups.clone(),
        }
    }

    /// Shares the adapter's record of where join requests wait.
    pub fn with_requests(mut self, requests: crate::JoinRequests) -> Self {
        self.requests = requests;
        self
    }

    /// Tells the core where a message went, so that a reply to it can be understood. Sent
    /// already: a failure here is logged, not retried (a retry would send it twice).
    async fn remember(&self, message: &Outgoing, sent: &teloxide::types::Message) {
        let id = crate::translate::sent_id(sent.chat.id.0, sent.id.0);
        if let Err(error) = self.service.record_sent(&message.key, Platform::Telegram, &id).await {
            tracing::warn!(%error, "could not record where a message was sent");
        }
    }

    /// Does `action` in every group: a group that refuses (the bot lacks the right there)
    /// does not stop the others, and the first failure, naming its group, is reported once
    /// all were tried (each action is harmless to repeat).
    async fn in_every_group<F, Fut>(&self, action: F) -> Result<(), DeliveryError>
    where
        F: Fn(ChatId) -> Fut,
        Fut: std::future::Future<Output = Result<(), RequestError>>,
    {
        let mut failed = None;
        for group in &self.groups {
            if let Err(error) = action(*group).await {
                failed.get_or_insert(match failure(error) {
                    DeliveryError::Permanent(why) => DeliveryError::Permanent(format!("group {}: {why}", group.0)),
                    DeliveryError::Transient(why) => DeliveryError::Transient(format!("group {}: {why}", group.0)),
                    other => other,
                });
            }
        }
        failed.map_or(Ok(()), Err)
    }

    fn first_group(&self) -> Result<ChatId, DeliveryError> {
        self.groups.first().copied().ok_or_else(|| DeliveryError::Permanent("no Telegram group is configured".into()))
    }
}

/// A Telegram user id from an account's id.
fn user(id: &str) -> Result<u64, DeliveryError> {
    id.parse().map_err(|_| DeliveryError::Permanent(format!("not a Telegram user id: {id:?}")))
}

/// A group chat from an answer's address.
fn group_chat(to: &AccountRef) -> Result<ChatId, DeliveryError> {
    to.group_chat()
        .and_then(|chat| chat.parse().ok())
        .map(ChatId)
        .ok_or_else(|| DeliveryError::Permanent(format!("not a Telegram group chat: {:?}", to.user_id)))
}

/// Telegram refused something that has nothing left to do (no join request to settle, a
/// message already edited or deleted): fine. A network failure is still a failure.
fn ignore_no_request<T>(result: Result<T, RequestError>) -> Result<(), DeliveryError> {
    match result {
        Ok(_) => Ok(()),
        Err(RequestError::Api(error)) => {
            tracing::debug!(%error, "no join request to settle");
            Ok(())
        }
        Err(error) => Err(failure(error)),
    }
}

/// A failure of the core's store, to try again.
fn transient(error: entraide_core::ports::StoreError) -> DeliveryError {
    DeliveryError::Transient(error.to_string())
}

/// Telegram's answer as the dispatcher's decision.
fn failure(error: RequestError) -> DeliveryError {
    match error {
        RequestError::RetryAfter(seconds) => DeliveryError::RateLimited(i64::from(seconds.seconds())),
        // They never started the bot, or blocked it: the messages wait until they write.
        RequestError::Api(api @ (ApiError::BotBlocked | ApiError::CantInitiateConversation)) => {
            DeliveryError::Unreachable(api.to_string())
        }
        RequestError::Api(ApiError::Unknown(description))
            if description.contains("can't initiate conversation") || description.contains("bot was blocked") =>
        {
            DeliveryError::Unreachable(description)
        }
        // Telegram said no (too long, no such chat, no right…): the same request will be
        // refused again, so it is parked at once for moderators to see. Only an overloaded
        // or restarting server is worth trying again.
        RequestError::Api(api) if !server_trouble(&api.to_string()) => DeliveryError::Permanent(api.to_string()),
        other => DeliveryError::Transient(other.to_string()),
    }
}

/// Whether an error Telegram described is its servers' trouble rather than a refusal.
fn server_trouble(description: &str) -> bool {
    let description = description.to_lowercase();
    ["internal server error", "bad gateway", "service unavailable", "gateway timeout", "restart", "timeout"]
        .iter()
        .any(|trouble| description.contains(trouble))
}

#[async_trait]
impl Messenger for TelegramMessenger {
    fn platform(&self) -> Platform {
        Platform::Telegram
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let to = &message.to.user_id;
        match &message.body {
            OutgoingBody::Text { text } => {
                let sent = self.bot.send_message(ChatId(user(to)? as i64), text).await.map_err(failure)?;
                self.remember(message, &sent).await;
            }
            OutgoingBody::Choices { text, choices } => {
                let buttons =
                    choices.iter().map(|c| InlineKeyboardButton::callback(c.label.clone(), c.command.clone()));
                let keyboard = InlineKeyboardMarkup::new([buttons.collect::<Vec<_>>()]);
                let sent = self
                    .bot
                    .send_message(ChatId(user(to)? as i64), text)
                    .reply_markup(keyboard)
                    .await
                    .map_err(failure)?;
                self.remember(message, &sent).await;
            }
            OutgoingBody::Answer { text, post } => {
                let chat = group_chat(&message.to)?;
                let sent = self.bot.send_message(chat, text).await.map_err(failure)?;
                // A post announced in a group: its message is edited when the post closes.
                if let Some(post) = post {
                    let (chat, id) = (chat.0.to_string(), sent.id.0.to_string());
                    let recorded = self.service.record_post_message(*post, Platform::Telegram, &chat, &id).await;
                    if let Err(error) = recorded {
                        tracing::warn!(%error, "could not record where a post was announced");
                    }
                }
            }
            OutgoingBody::Document { name, caption, content } => {
                let file = InputFile::memory(content.clone().into_bytes()).file_name(name.clone());
                let request = self.bot.send_document(ChatId(user(to)? as i64), file);
                // An empty caption is none (a long one was sent before, as text).
                match caption.is_empty() {
                    true => request.await,
                    false => request.caption(caption).await,
                }
                .map_err(failure)?;
            }
            OutgoingBody::Image { name, caption, bytes } => {
                let file = InputFile::memory(bytes.clone()).file_name(name.clone());
                let request = self.bot.send_photo(ChatId(user(to)? as i64), file);
                let sent = match caption.is_empty() {
                    true => request.await,
                    false => request.caption(caption).await,
                }
                .map_err(failure)?;
                self.remember(message, &sent).await;
            }
            OutgoingBody::Ban => {
                let user = UserId(user(to)?);
                self.in_every_group(|group| async move { self.bot.ban_chat_member(group, user).await.map(drop) })
                    .await?;
            }
            OutgoingBody::Admit => {
                let user = user(to)?;
                for group in self.requests_of(user) {
                    ignore_no_request(self.bot.approve_chat_join_request(group, UserId(user)).await)?;
                }
                self.requests.remove(&user);
            }
            OutgoingBody::Remove => {
                // Out of the groups (or their request declined), free to come back invited.
                let id = user(to)?;
                for group in self.requests_of(id) {
                    ignore_no_request(self.bot.decline_chat_join_request(group, UserId(id)).await)?;
                }
                self.requests.remove(&id);
                for group in &self.groups {
                    self.bot.ban_chat_member(*group, UserId(id)).await.map_err(failure)?;
                    self.bot.unban_chat_member(*group, UserId(id)).only_if_banned(true).await.map_err(failure)?;
                }
            }
            OutgoingBody::Unban => {
                let user = UserId(user(to)?);
                self.in_every_group(|group| async move {
                    self.bot.unban_chat_member(group, user).only_if_banned(true).await.map(drop)
                })
                .await?;
            }
            OutgoingBody::Restrict { until } => {
                let (user, until) =
                    (UserId(user(to)?), chrono::DateTime::from_timestamp(*until, 0).unwrap_or_default());
                self.in_every_group(|group| async move {
                    let request = self.bot.restrict_chat_member(group, user, ChatPermissions::empty());
                    request.until_date(until).await.map(drop)
                })
                .await?;
            }
            OutgoingBody::Unrestrict => {
                let user = UserId(user(to)?);
                self.in_every_group(|group| async move {
                    self.bot.restrict_chat_member(group, user, ChatPermissions::all()).await.map(drop)
                })
                .await?;
            }
            OutgoingBody::CreateInviteLink { invitation, expires_at, join_request, .. } => {
                let group = self.first_group()?;
                let expire = chrono::DateTime::from_timestamp(*expires_at, 0).unwrap_or_default();
                let request = self
                    .bot
                    .create_chat_invite_link(group)
                    .name(format!("invitation {invitation}"))
                    .expire_date(expire);
                let link = match join_request {
                    true => request.creates_join_request(true).await,
                    false => request.member_limit(1).await,
                }
                .map_err(failure)?;
                self.service
                    .record_native_link(*invitation, Platform::Telegram, &link.invite_link)
                    .await
                    .map_err(|error| DeliveryError::Transient(error.to_string()))?;
            }
            OutgoingBody::Announce { announcement, text } => {
                let shown = self.service.announced_in(*announcement, Platform::Telegram).await.map_err(transient)?;
                for group in self.groups.iter().filter(|group| !shown.contains(&group.0.to_string())) {
                    let sent = match self.bot.send_message(*group, text).await.map_err(failure) {
                        Ok(sent) => sent,
                        // One group refuses (the bot was removed): the others still get it.
                        Err(DeliveryError::Permanent(why)) => {
                            tracing::warn!(%why, "a group refused an announcement");
                            continue;
                        }
                        Err(other) => return Err(other),
                    };
                    // Pinned, quietly, where the bot may pin; unpinned it is still shown.
                    if let Err(error) = self.bot.pin_chat_message(*group, sent.id).disable_notification(true).await {
                        tracing::warn!(%error, "could not pin an announcement");
                    }
                    let (chat, id) = (group.0.to_string(), sent.id.0.to_string());
                    let recorded =
                        self.service.record_announcement_message(*announcement, Platform::Telegram, &chat, &id);
                    recorded.await.map_err(transient)?;
                }
            }
            OutgoingBody::DeleteMessage { message: id } => {
                let chat: i64 = to.parse().map_err(|_| DeliveryError::Permanent(format!("not a chat id: {to:?}")))?;
                let id: i32 = id.parse().map_err(|_| DeliveryError::Permanent(format!("not a message id: {id:?}")))?;
                match self.bot.delete_message(ChatId(chat), MessageId(id)).await {
                    // Deleted meanwhile: nothing to do.
                    Ok(_) | Err(RequestError::Api(ApiError::MessageToDeleteNotFound)) => {}
                    // Not the bot's to delete (no right, or past Telegram's 48 hours): trying
                    // again changes nothing, but the operator should know.
                    Err(RequestError::Api(error)) => {
                        tracing::warn!(chat, %error, "Telegram refused to delete a message (entraide doctor checks the bot's rights)");
                    }
                    Err(error) => return Err(failure(error)),
                }
            }
            OutgoingBody::RemoveCommand { message: id, .. } => {
                let chat: i64 = to.parse().map_err(|_| DeliveryError::Permanent(format!("not a chat id: {to:?}")))?;
                let id: i32 = id.parse().map_err(|_| DeliveryError::Permanent(format!("not a message id: {id:?}")))?;
                match self.bot.delete_message(ChatId(chat), MessageId(id)).await {
                    // Deleted meanwhile (by its author): nothing to do.
                    Ok(_) | Err(RequestError::Api(ApiError::MessageToDeleteNotFound)) => {}
                    // The bot may not delete it (no right to delete messages): its author learns
                    // to report privately next time.
                    Err(RequestError::Api(error)) => {
                        tracing::warn!(chat, %error, "Telegram refused to delete a report typed in a group (entraide doctor checks the bot's rights)");
                        self.service.removal_refused(message).await.map_err(transient)?;
                    }
                    Err(error) => return Err(failure(error)),
                }
            }
            OutgoingBody::EditMessage { message: id, text } => {
                let chat: i64 = to.parse().map_err(|_| DeliveryError::Permanent(format!("not a chat id: {to:?}")))?;
                let id: i32 = id.parse().map_err(|_| DeliveryError::Permanent(format!("not a message id: {id:?}")))?;
                // Deleted meanwhile, or already saying that: nothing to do.
                ignore_no_request(self.bot.edit_message_text(ChatId(chat), MessageId(id), text).await)?;
            }
            // A Telegram bot cannot list a group's members (the core never asks it to).
            OutgoingBody::ListMembers => {
                return Err(DeliveryError::Permanent("Telegram does not let bots list members".into()));
            }
            OutgoingBody::RevokeInviteLink { link } => {
                let group = self.first_group()?;
                self.bot.revoke_chat_invite_link(group, link).await.map_err(failure)?;
            }
        }
        Ok(())
    }
}
