//! The outbox's Discord messages and actions as REST calls (sent by [`crate::rest`], which
//! reads Discord's rate limits): private messages (with buttons
//! and files) in the member's DM channel, sent with a nonce Discord enforces so a retry is
//! never shown twice; bans, kicks, timeouts and the member role in every guild; single-use
//! invites made (and reported back to the core) or deleted; a post's announcement edited;
//! the guilds' members listed for an adoption.

use std::sync::Arc;

use async_trait::async_trait;
use entraide_core::model::{Outgoing, OutgoingBody, Platform};
use entraide_core::ports::{DeliveryError, Messenger};
use entraide_core::service::Listed;
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton, CreateInvite,
    CreateMessage, EditMember, EditMessage, GuildId, MessageId, Nonce, RoleId, Timestamp, UserId,
};

use crate::Shared;
use crate::rest::Refused;

/// Discord's longest timeout: 28 days.
const LONGEST_TIMEOUT: i64 = 28 * 86_400;

/// Sends the outbox's Discord share.
#[derive(Clone)]
pub struct DiscordMessenger {
    shared: Arc<Shared>,
}

impl DiscordMessenger {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    fn guilds(&self) -> impl Iterator<Item = GuildId> + '_ {
        self.shared.settings.guilds.iter().map(|guild| GuildId::new(*guild))
    }

    /// Sends a private message, once whatever the retries: in parts of Discord's 2,000
    /// characters if longer, each with its own nonce; `last` (the buttons, a file) goes with
    /// the last part.
    async fn send(
        &self,
        message: &Outgoing,
        text: &str,
        last: CreateMessage,
        file: Option<CreateAttachment>,
    ) -> Result<(), DeliveryError> {
        let rest = &self.shared.rest;
        let channel = rest.dm_channel(user(&message.to.user_id)?).await?;
        let parts = split(text);
        let count = parts.len();
        for (n, part) in parts.into_iter().enumerate() {
            let (builder, file) = match n + 1 == count {
                true => (last.clone().content(part), file.clone()),
                false => (CreateMessage::new().content(part), None),
            };
            let key = if n == 0 { message.key.clone() } else { format!("{}#{n}", message.key) };
            let builder = builder.nonce(Nonce::String(nonce(&key))).enforce_nonce(true);
            let sent = rest.send_message(channel.id, &builder, file).await?;
            // Where it went, so that a reply to it can be understood (a failure here is only
            // logged: the message is out).
            let recorded = self.shared.service.record_sent(&message.key, Platform::Discord, &sent.id.to_string()).await;
            if let Err(error) = recorded {
                tracing::warn!(%error, "could not record where a message was sent");
            }
        }
        Ok(())
    }

    /// Does `action` in every guild; a guild that refuses does not stop the others, and the
    /// first failure is reported once all were tried (each action is harmless to repeat).
    async fn in_every_guild<F, Fut>(&self, action: F) -> Result<(), DeliveryError>
    where
        F: Fn(GuildId) -> Fut,
        Fut: std::future::Future<Output = Result<(), DeliveryError>>,
    {
        let mut failed = None;
        for guild in self.guilds() {
            if let Err(error) = action(guild).await {
                failed.get_or_insert(in_guild(guild, error));
            }
        }
        failed.map_or(Ok(()), Err)
    }

    /// The people in every guild but bots, 1,000 a page (Discord's most; the Server Members
    /// intent allows it), for an adoption.
    async fn listed(&self) -> Result<Vec<Listed>, DeliveryError> {
        const PAGE: usize = 1_000;
        let rest = &self.shared.rest;
        let mut listed = Vec::new();
        for guild in self.guilds() {
            let mut after = None;
            loop {
                let page = rest.members(guild, PAGE, after).await;
                let page = page.map_err(|refused| in_guild(guild, refused.into()))?;
                after = page.last().map(|member| member.user.id).filter(|_| page.len() == PAGE);
                listed.extend(page.into_iter().filter(|member| !member.user.bot).map(|member| Listed {
                    user_id: member.user.id.to_string(),
                    display_name: member.display_name().to_owned(),
                }));
                if after.is_none() {
                    break;
                }
            }
        }
        Ok(listed)
    }

    /// Gives or takes the member role in every guild that has one.
    async fn member_role(&self, user: UserId, give: bool) -> Result<(), DeliveryError> {
        let rest = &self.shared.rest;
        let roles = &self.shared.settings.member_roles;
        self.in_every_guild(|guild| async move {
            let Some(role) = roles.get(&guild.get()).copied().map(RoleId::new) else { return Ok(()) };
            absent_is_done(rest.member_role(guild, user, role, give).await)
        })
        .await
    }
}

/// A guild's refusal, naming the guild (moderators see it in `/envois`).
fn in_guild(guild: GuildId, error: DeliveryError) -> DeliveryError {
    match error {
        DeliveryError::Permanent(why) => DeliveryError::Permanent(format!("guild {guild}: {why}")),
        DeliveryError::Transient(why) => DeliveryError::Transient(format!("guild {guild}: {why}")),
        other => other,
    }
}

impl DiscordMessenger {
    /// Deletes the bot's invites in the invite channel that no usable invitation holds (made
    /// before a crash, or kept by an invitation since closed); returns how many went.
    async fn tidy_invites(&self, channel: ChannelId) -> Result<usize, DeliveryError> {
        let rest = &self.shared.rest;
        let bot = rest.current_user().await?.id;
        let mut deleted = 0;
        for invite in rest.invites(channel).await? {
            if invite.inviter.as_ref().is_none_or(|inviter| inviter.id != bot) {
                continue;
            }
            let in_use = self.shared.service.link_in_use(Platform::Discord, &invite.code).await;
            if !in_use.map_err(|error| DeliveryError::Transient(error.to_string()))? {
                absent_is_done(rest.delete_invite(&invite.code).await)?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}

/// Discord's refusal to make an invite in a guild that holds its maximum (code 30016).
fn too_many_invites(refused: &Refused) -> bool {
    refused.code() == Some(30016)
}

/// A text in parts Discord takes (2,000 characters at most), cut at line breaks where it can.
pub fn split(text: &str) -> Vec<String> {
    match entraide_core::parts::limit(Platform::Discord) {
        Some(limit) => entraide_core::parts::split(text, limit.text, limit.unit),
        None => vec![text.to_owned()],
    }
}

/// A Discord user id from an account's id.
fn user(id: &str) -> Result<UserId, DeliveryError> {
    id.parse::<u64>()
        .ok()
        .filter(|id| *id != 0)
        .map(UserId::new)
        .ok_or_else(|| DeliveryError::Permanent("not a Discord user id".into()))
}

/// A message's nonce: stable for its outbox key, within Discord's 25 characters.
pub fn nonce(key: &str) -> String {
    let hash = entraide_core::outbox::key_hash(key);
    format!("e{hash:016x}")
}

/// Someone not in the guild (or no such ban, invite, message): nothing left to do.
fn absent_is_done<T>(result: Result<T, Refused>) -> Result<(), DeliveryError> {
    match result {
        Ok(_) => Ok(()),
        Err(refused) if refused.is_absent() => Ok(()),
        Err(refused) => Err(refused.into()),
    }
}

#[async_trait]
impl Messenger for DiscordMessenger {
    fn platform(&self) -> Platform {
        Platform::Discord
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let rest = &self.shared.rest;
        let to = &message.to.user_id;
        match &message.body {
            OutgoingBody::Text { text } => self.send(message, text, CreateMessage::new(), None).await?,
            OutgoingBody::Answer { text, post } => {
                let channel = (message.to.group_chat())
                    .and_then(|id| id.parse::<u64>().ok())
                    .filter(|id| *id != 0)
                    .map(ChannelId::new)
                    .ok_or_else(|| DeliveryError::Permanent("not a Discord channel id".into()))?;
                // Nobody is pinged by what a member wrote, and a retry is never shown twice.
                let builder = CreateMessage::new()
                    .content(text)
                    .allowed_mentions(CreateAllowedMentions::new())
                    .nonce(Nonce::String(nonce(&message.key)))
                    .enforce_nonce(true);
                let sent = rest.send_message(channel, &builder, None).await?;
                // A post announced in a channel: its message is edited when the post closes.
                if let Some(post) = post {
                    let (chat, id) = (channel.to_string(), sent.id.to_string());
                    let recorded = self.shared.service.record_post_message(*post, Platform::Discord, &chat, &id);
                    if let Err(error) = recorded.await {
                        tracing::warn!(%error, "could not record where a post was announced");
                    }
                }
            }
            OutgoingBody::Choices { text, choices } => {
                let buttons = choices
                    .iter()
                    .map(|choice| {
                        CreateButton::new(choice.command.clone())
                            .label(choice.label.clone())
                            .style(ButtonStyle::Primary)
                    })
                    .collect();
                let last = CreateMessage::new().components(vec![CreateActionRow::Buttons(buttons)]);
                self.send(message, text, last, None).await?;
            }
            OutgoingBody::Image { name, caption, bytes } => {
                let file = CreateAttachment::bytes(bytes.clone(), name);
                self.send(message, caption, CreateMessage::new(), Some(file)).await?;
            }
            OutgoingBody::Document { name, caption, content } => {
                let file = CreateAttachment::bytes(content.clone().into_bytes(), name);
                self.send(message, caption, CreateMessage::new(), Some(file)).await?;
            }
            OutgoingBody::Ban => {
                let user = user(to)?;
                self.in_every_guild(|guild| async move { Ok(rest.ban(guild, user).await?) }).await?;
            }
            OutgoingBody::Unban => {
                let user = user(to)?;
                self.in_every_guild(|guild| async move { absent_is_done(rest.unban(guild, user).await) }).await?;
            }
            OutgoingBody::Remove => {
                let user = user(to)?;
                self.in_every_guild(|guild| async move { absent_is_done(rest.kick(guild, user).await) }).await?;
            }
            OutgoingBody::Restrict { until } => {
                // A timeout lasts 28 days at most (a few minutes less, for clocks that differ):
                // a longer suspension also takes the role; the core lifts both at its end.
                let now = Timestamp::now().unix_timestamp();
                let longest = now + LONGEST_TIMEOUT - 300;
                let end = Timestamp::from_unix_timestamp((*until).min(longest))
                    .map_err(|_| DeliveryError::Permanent("bad date".into()))?;
                let user = user(to)?;
                self.in_every_guild(|guild| async move {
                    let edit = EditMember::new().disable_communication_until_datetime(end);
                    absent_is_done(rest.edit_member(guild, user, &edit).await)
                })
                .await?;
                if *until > longest {
                    self.member_role(user, false).await?;
                }
            }
            OutgoingBody::Unrestrict => {
                let user = user(to)?;
                self.in_every_guild(|guild| async move {
                    absent_is_done(rest.edit_member(guild, user, &EditMember::new().enable_communication()).await)
                })
                .await?;
                self.member_role(user, true).await?;
            }
            OutgoingBody::Admit => self.member_role(user(to)?, true).await?,
            OutgoingBody::ListMembers => {
                let listed = self.listed().await?;
                let adopted = self.shared.service.adopt_listed(Platform::Discord, listed).await;
                adopted.map_err(|error| DeliveryError::Transient(error.to_string()))?;
            }
            OutgoingBody::CreateInviteLink { invitation, expires_at, .. } => {
                let Some(channel) = crate::invite_channel(&self.shared.settings) else {
                    return Err(DeliveryError::Permanent("no Discord invite channel is configured".into()));
                };
                let now = Timestamp::now().unix_timestamp();
                let seconds = (*expires_at - now).clamp(60, 7 * 86_400);
                let builder =
                    CreateInvite::new().max_uses(1).max_age(u32::try_from(seconds).unwrap_or(604_800)).unique(true);
                let mut made = rest.create_invite(channel, &builder).await;
                // A guild holds 1,000 invites: tidied, then tried again; still full, the
                // sponsor is told and the code alone serves.
                if made.as_ref().is_err_and(too_many_invites) && self.tidy_invites(channel).await? > 0 {
                    made = rest.create_invite(channel, &builder).await;
                }
                let invite = match made {
                    Err(error) if too_many_invites(&error) => {
                        let service = &self.shared.service;
                        return service
                            .native_link_unavailable(*invitation, Platform::Discord)
                            .await
                            .map_err(|error| DeliveryError::Transient(error.to_string()));
                    }
                    made => made?,
                };
                let guild = invite.guild.as_ref().map(|guild| guild.id).or_else(|| self.guilds().next());
                if let Some(guild) = guild {
                    self.shared.invites.lock().await.entry(guild.get()).or_default().made(&invite.code, now + seconds);
                }
                let recorded =
                    self.shared.service.record_native_link(*invitation, Platform::Discord, &invite.code).await;
                if let Err(error) = recorded {
                    // Unmade, so that a retry does not leave an invite nobody knows of.
                    let _ = rest.delete_invite(&invite.code).await;
                    return Err(DeliveryError::Transient(error.to_string()));
                }
            }
            OutgoingBody::RevokeInviteLink { link } => {
                // Forgotten first: its disappearance explains no join.
                for guild in self.guilds() {
                    self.shared.invites.lock().await.entry(guild.get()).or_default().revoked(link);
                }
                absent_is_done(rest.delete_invite(link).await)?;
            }
            OutgoingBody::Announce { announcement, text } => {
                let service = &self.shared.service;
                let shown = service.announced_in(*announcement, Platform::Discord).await;
                let shown = shown.map_err(|error| DeliveryError::Transient(error.to_string()))?;
                let mut channels: Vec<u64> = self.shared.settings.announce_channels.values().copied().collect();
                channels.sort_unstable();
                for channel in channels.into_iter().filter(|channel| !shown.contains(&channel.to_string())) {
                    let channel = ChannelId::new(channel);
                    let key = format!("{}:{channel}", message.key);
                    let part = split(text).into_iter().next().unwrap_or_default();
                    // Nobody is pinged by what an alert's author wrote (`@everyone`).
                    let builder = CreateMessage::new()
                        .content(part)
                        .allowed_mentions(CreateAllowedMentions::new())
                        .nonce(Nonce::String(nonce(&key)))
                        .enforce_nonce(true);
                    let sent = match rest.send_message(channel, &builder, None).await.map_err(DeliveryError::from) {
                        Ok(sent) => sent,
                        // One channel refuses (a missing permission): the others still get it.
                        Err(DeliveryError::Permanent(why)) => {
                            tracing::warn!(%why, "a channel refused an announcement");
                            continue;
                        }
                        Err(other) => return Err(other),
                    };
                    // Pinned where the bot may pin; unpinned it is still shown.
                    if let Err(refused) = rest.pin(channel, sent.id).await {
                        tracing::warn!(?refused, "could not pin an announcement");
                    }
                    let (chat, id) = (channel.to_string(), sent.id.to_string());
                    let recorded = service.record_announcement_message(*announcement, Platform::Discord, &chat, &id);
                    recorded.await.map_err(|error| DeliveryError::Transient(error.to_string()))?;
                }
            }
            OutgoingBody::DeleteMessage { message: id } => {
                let channel = to.parse::<u64>().ok().filter(|id| *id != 0).map(ChannelId::new);
                let id = id.parse::<u64>().ok().filter(|id| *id != 0).map(MessageId::new);
                let (Some(channel), Some(id)) = (channel, id) else {
                    return Err(DeliveryError::Permanent("not a Discord channel or message id".into()));
                };
                absent_is_done(rest.delete_message(channel, id).await)?;
            }
            OutgoingBody::RemoveCommand { message: id, .. } => {
                let channel = to.parse::<u64>().ok().filter(|id| *id != 0).map(ChannelId::new);
                let id = id.parse::<u64>().ok().filter(|id| *id != 0).map(MessageId::new);
                let (Some(channel), Some(id)) = (channel, id) else {
                    return Err(DeliveryError::Permanent("not a Discord channel or message id".into()));
                };
                match absent_is_done(rest.delete_message(channel, id).await) {
                    Ok(()) => {}
                    // The bot may not delete it (no Manage Messages permission there): its
                    // author learns to report privately next time.
                    Err(DeliveryError::Permanent(why)) => {
                        tracing::warn!(%why, "a channel refused to delete a report typed there");
                        let told = self.shared.service.removal_refused(message).await;
                        told.map_err(|error| DeliveryError::Transient(error.to_string()))?;
                    }
                    Err(other) => return Err(other),
                }
            }
            OutgoingBody::EditMessage { message: id, text } => {
                let channel = to.parse::<u64>().ok().filter(|id| *id != 0).map(ChannelId::new);
                let id = id.parse::<u64>().ok().filter(|id| *id != 0).map(MessageId::new);
                let (Some(channel), Some(id)) = (channel, id) else {
                    return Err(DeliveryError::Permanent("not a Discord channel or message id".into()));
                };
                absent_is_done(rest.edit_message(channel, id, &EditMessage::new().content(text)).await)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_stable_and_short() {
        assert_eq!(nonce("ask:3"), nonce("ask:3"));
        assert_ne!(nonce("ask:3"), nonce("ask:4"));
        assert!(nonce("a very long key that goes on and on").len() <= 25);
    }

    #[test]
    fn long_texts_are_split_at_line_breaks() {
        assert_eq!(split("court"), vec!["court".to_owned()]);
        let line = "x".repeat(1_500);
        let parts = split(&format!("{line}\n{line}\n{line}"));
        assert_eq!(parts.len(), 3, "{:?}", parts.iter().map(String::len).collect::<Vec<_>>());
        assert!(parts.iter().all(|part| part.chars().count() <= 2_000 && !part.ends_with('\n')));
        let one_long_line = "é".repeat(4_500);
        let parts = split(&one_long_line);
        assert_eq!(parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(), vec![2_000, 2_000, 500]);
    }
}
