//! The outbox's Matrix messages and actions as Matrix requests: private messages and files
//! in the member's private room with the bot (created when there is none, encrypted);
//! bans, kicks and power levels in every community room, largest first; invitations of the
//! Matrix ID a sponsor names; a post's announcement redacted when it closes; the rooms'
//! members listed for an adoption. Each message
//! is sent with a transaction id derived from its outbox key, so a retry is never shown twice.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use dashmap::DashMap;
use entraide_core::model::{Choice, Outgoing, OutgoingBody, Platform};
use entraide_core::ports::{DeliveryError, Messenger};
use entraide_core::service::{Listed, Service};
use matrix_sdk::attachment::AttachmentConfig;
use matrix_sdk::ruma::api::error::{ErrorKind, LimitExceededErrorData, RetryAfter};
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::TextMessageEventContent;
use matrix_sdk::ruma::{EventId, Int, OwnedRoomId, OwnedTransactionId, OwnedUserId, RoomId, UserId};
use matrix_sdk::{Client, Room, RoomMemberships};
use serde_json::json;

use crate::translate::{self, CHOICES_FIELD};

/// Sends the outbox's Matrix share.
#[derive(Clone)]
pub struct MatrixMessenger {
    client: Client,
    rooms: Arc<Vec<OwnedRoomId>>,
    direct: Arc<DashMap<OwnedUserId, OwnedRoomId>>,
    service: Arc<Service>,
}

impl MatrixMessenger {
    /// A messenger acting in the community's rooms; `direct` is shared with the adapter,
    /// which sees where members write privately.
    pub fn new(
        client: Client,
        rooms: Arc<Vec<OwnedRoomId>>,
        direct: Arc<DashMap<OwnedUserId, OwnedRoomId>>,
        service: Arc<Service>,
    ) -> Self {
        Self { client, rooms, direct, service }
    }

    /// The community's rooms, the most populated first: a sanction reaches most people soonest.
    fn rooms_largest_first(&self) -> Vec<Room> {
        let mut rooms: Vec<Room> = self.rooms.iter().filter_map(|id| self.client.get_room(id)).collect();
        rooms.sort_by_key(|room| std::cmp::Reverse(room.joined_members_count()));
        rooms
    }

    /// Whoever has joined a community room, but the bot, for an adoption (each once).
    async fn listed(&self) -> Result<Vec<Listed>, DeliveryError> {
        let mut listed: Vec<Listed> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for room in self.rooms_largest_first() {
            for member in room.members(RoomMemberships::JOIN).await.map_err(failure)? {
                let id = member.user_id().as_str();
                let bot = Some(member.user_id()) == self.client.user_id() || translate::is_bridged(id);
                if bot || !seen.insert(id.to_owned()) {
                    continue;
                }
                let name = member.display_name().unwrap_or_else(|| member.user_id().localpart());
                listed.push(Listed { user_id: id.to_owned(), display_name: name.to_owned() });
            }
        }
        Ok(listed)
    }

    /// The member's private room with the bot: the one they last wrote in, the one Matrix
    /// lists as direct, or a new encrypted one (they are invited to it). A room that holds
    /// anyone else is never used; one they left means they do not want the bot's messages:
    /// those wait until they write to it again.
    async fn direct_room(&self, user: &UserId) -> Result<Room, DeliveryError> {
        let known = self.direct.get(user).and_then(|id| self.client.get_room(&id));
        for room in [known, self.client.get_dm_room(user)].into_iter().flatten() {
            let private = room.joined_members_count() + room.invited_members_count() <= 2;
            if room.state() != matrix_sdk::RoomState::Joined || !private {
                continue;
            }
            match room.get_member_no_sync(user).await {
                Ok(Some(member)) => match member.membership() {
                    MembershipState::Join | MembershipState::Invite => return Ok(room),
                    MembershipState::Leave | MembershipState::Ban => {
                        return Err(DeliveryError::Unreachable("left the private room with the bot".into()));
                    }
                    _ => {}
                },
                Ok(None) => {}
                Err(error) => return Err(DeliveryError::Transient(error.to_string())),
            }
        }
        let room = self.client.create_dm(user).await.map_err(failure)?;
        self.direct.insert(user.to_owned(), room.room_id().to_owned());
        Ok(room)
    }

    /// Sends a message's content to a member privately, once whatever the retries.
    async fn send(&self, message: &Outgoing, content: serde_json::Value) -> Result<(), DeliveryError> {
        let room = self.direct_room(&user(&message.to.user_id)?).await?;
        let txn = transaction_id(&message.key);
        let sent = room.send_raw("m.room.message", content).with_transaction_id(&txn).await.map_err(failure)?;
        self.remember(message, sent.response.event_id.as_str()).await;
        Ok(())
    }

    /// Sends a file (the statistics chart, a data export), encrypted in encrypted rooms.
    async fn send_file(
        &self,
        message: &Outgoing,
        name: &str,
        caption: &str,
        mime: &str,
        data: Vec<u8>,
    ) -> Result<(), DeliveryError> {
        let room = self.direct_room(&user(&message.to.user_id)?).await?;
        let mime: mime::Mime = mime.parse().map_err(|_| DeliveryError::Permanent(format!("bad type {mime}")))?;
        let config = AttachmentConfig::new()
            .txn_id(transaction_id(&message.key))
            .caption(Some(TextMessageEventContent::plain(translate::matrix_commands(caption))));
        let sent = room.send_attachment(name, &mime, data, config).await.map_err(failure)?;
        self.remember(message, sent.event_id.as_str()).await;
        Ok(())
    }

    /// Tells the core where a message went, so that a reply to it can be understood (only
    /// logged if it fails: the message is out).
    async fn remember(&self, message: &Outgoing, event: &str) {
        if let Err(error) = self.service.record_sent(&message.key, Platform::Matrix, event).await {
            tracing::warn!(%error, "could not record where a message was sent");
        }
    }

    /// A member's membership in a community room, as the bot knows it.
    async fn membership(room: &Room, user: &UserId) -> Result<Option<MembershipState>, DeliveryError> {
        let member = room.get_member(user).await.map_err(failure)?;
        Ok(member.map(|member| member.membership().clone()))
    }

    /// Does `action` to someone in every community room, largest first. A room that refuses
    /// does not stop the others; the first failure is reported once all were tried (each
    /// action checks what is already done, so a retry repeats nothing).
    async fn in_every_room(&self, user: &UserId, action: RoomAction) -> Result<(), DeliveryError> {
        let mut failed = None;
        for room in self.rooms_largest_first() {
            if let Err(error) = self.act(&room, user, action).await {
                failed.get_or_insert(error);
            }
        }
        failed.map_or(Ok(()), Err)
    }

    /// A member's membership as the homeserver has it now: the bot's own view may not have
    /// seen yet a ban it made (or lifted) a moment ago (its sync lags), and the next action
    /// must not be skipped for that.
    async fn membership_now(room: &Room, user: &UserId) -> Result<Option<MembershipState>, DeliveryError> {
        use matrix_sdk::ruma::api::client::state::get_state_event_for_key::v3::Request;
        use matrix_sdk::ruma::events::StateEventType;
        let request = Request::new(room.room_id().to_owned(), StateEventType::RoomMember, user.to_string());
        match room.client().send(request).await {
            Ok(response) => {
                let content: serde_json::Value = serde_json::from_str(response.event_or_content.get())
                    .map_err(|_| DeliveryError::Transient("an unreadable membership".into()))?;
                Ok(content["membership"].as_str().map(MembershipState::from))
            }
            // Never in the room.
            Err(error) if matches!(error.client_api_error_kind(), Some(ErrorKind::NotFound)) => Ok(None),
            Err(error) => Err(failure(error)),
        }
    }

    async fn act(&self, room: &Room, user: &UserId, action: RoomAction) -> Result<(), DeliveryError> {
        use MembershipState::{Ban, Invite, Join, Knock};
        // As the homeserver has it now: a ban lifted (or made) a moment ago is not skipped.
        let membership = Self::membership_now(room, user).await?;
        let is = |states: &[MembershipState]| membership.as_ref().is_some_and(|m| states.contains(m));
        match action {
            RoomAction::Ban if !is(&[Ban]) => room.ban_user(user, None).await.map_err(failure)?,
            // The rooms are invite-only: let back in, they are invited again (the room's state
            // here does not know of the unban yet, so the invite does not wait for it).
            RoomAction::Unban if !is(&[Join, Invite]) => {
                if is(&[Ban]) {
                    room.unban_user(user, None).await.map_err(failure)?;
                }
                room.invite_user_by_id(user).await.map_err(failure)?;
            }
            RoomAction::Invite if !is(&[Join, Invite, Ban]) => room.invite_user_by_id(user).await.map_err(failure)?,
            RoomAction::Kick if is(&[Join, Invite, Knock]) => room.kick_user(user, None).await.map_err(failure)?,
            RoomAction::WithdrawInvite if is(&[Invite]) => room.kick_user(user, None).await.map_err(failure)?,
            RoomAction::LetInKnocker if is(&[Knock]) => room.invite_user_by_id(user).await.map_err(failure)?,
            RoomAction::Restrict | RoomAction::Unrestrict => {
                Self::restrict(room, user, action == RoomAction::Restrict).await?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Restricts someone in a room (a power level below posting), or lifts it (back to the
    /// room's default). Levels above the default are left alone when lifting.
    async fn restrict(room: &Room, user: &UserId, restricted: bool) -> Result<(), DeliveryError> {
        let levels = room.power_levels().await.map_err(|error| DeliveryError::Transient(error.to_string()))?;
        let current = levels.users.get(user).copied().unwrap_or(levels.users_default);
        let wanted = match restricted {
            true => Int::from(RESTRICTED),
            false => current.max(levels.users_default),
        };
        if current != wanted {
            room.update_power_levels(vec![(user, wanted)]).await.map_err(failure)?;
        }
        Ok(())
    }

    /// Whether someone is in any community room.
    async fn joined_somewhere(&self, user: &UserId) -> Result<bool, DeliveryError> {
        for room in self.rooms_largest_first() {
            if Self::membership(&room, user).await? == Some(MembershipState::Join) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// A restricted member's power level: below what posting needs (0 by default).
const RESTRICTED: i32 = -1;

/// What the bot does to someone in each community room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoomAction {
    Ban,
    /// A ban lifted, and the person invited back.
    Unban,
    /// Out of the room (a join, an invitation or a knock declined).
    Kick,
    Invite,
    /// Only an invitation not taken up.
    WithdrawInvite,
    /// Someone who knocked, let in.
    LetInKnocker,
    Restrict,
    Unrestrict,
}

/// A Matrix ID from an account's id.
fn user(id: &str) -> Result<OwnedUserId, DeliveryError> {
    UserId::parse(id).map_err(|_| DeliveryError::Permanent("not a Matrix user id".into()))
}

/// The transaction id of an outbox message: its key made safe for a URL, with a hash that
/// keeps two keys apart once made safe. The same message always gets the same id, so the
/// homeserver recognises a retry.
pub fn transaction_id(key: &str) -> OwnedTransactionId {
    let hash = entraide_core::outbox::key_hash(key);
    let safe: String = key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(64).collect();
    OwnedTransactionId::from(format!("entraide-{safe}-{hash:016x}"))
}

/// A question's text, with the answers spelled out for clients that show no reactions, and
/// the answers themselves in [`CHOICES_FIELD`]: yes and no are ✅ and ❌ (a third, "not at
/// all", is 🚫), more are numbered.
pub fn question(text: &str, choices: &[Choice]) -> serde_json::Value {
    const NUMBERS: [&str; 9] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"];
    let keys: Vec<&str> = match choices.len() {
        2 => vec!["✅", "❌"],
        3 => vec!["✅", "❌", "🚫"],
        _ => NUMBERS.iter().copied().take(choices.len()).collect(),
    };
    let mut body = translate::matrix_commands(text);
    let mut answers = Vec::new();
    for (key, choice) in keys.iter().zip(choices) {
        let command = choice.command.strip_prefix('/').unwrap_or(&choice.command);
        body.push_str(&format!("\n{key} {} : !{command}", choice.label));
        answers.push(json!({"key": key, "command": choice.command}));
    }
    json!({"msgtype": "m.text", "body": body, CHOICES_FIELD: answers})
}

/// How long the homeserver asks to wait, when it refused for going too fast.
pub fn retry_after(error: &matrix_sdk::Error) -> Option<Duration> {
    match error.client_api_error_kind()? {
        ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. }) => Some(match retry_after {
            Some(RetryAfter::Delay(delay)) => *delay,
            Some(RetryAfter::DateTime(at)) => at.duration_since(SystemTime::now()).unwrap_or_default(),
            None => Duration::from_secs(1),
        }),
        _ => None,
    }
}

/// The homeserver's answer as the dispatcher's decision, described without what it may
/// carry of people (Synapse's messages name users): the status and Matrix error code only.
fn failure(error: impl Into<matrix_sdk::Error>) -> DeliveryError {
    let error = error.into();
    if let Some(wait) = retry_after(&error) {
        // Rounded up: never before the homeserver allows.
        let seconds = wait.as_millis().div_ceil(1000).max(1);
        return DeliveryError::RateLimited(i64::try_from(seconds).unwrap_or(i64::MAX));
    }
    let Some(api) = error.as_client_api_error() else {
        return DeliveryError::Transient("the homeserver could not be reached".into());
    };
    let status = api.status_code.as_u16();
    let described = match error.client_api_error_kind() {
        Some(kind) => format!("{status} {}", kind.errcode()),
        None => status.to_string(),
    };
    match status {
        // Refused for good (no right, no such user or room): parked for moderators. An
        // expired session (401) or a timeout (408) may pass.
        400 | 403..=407 | 409..=428 | 430..=499 => DeliveryError::Permanent(described),
        _ => DeliveryError::Transient(described),
    }
}

#[async_trait]
impl Messenger for MatrixMessenger {
    fn platform(&self) -> Platform {
        Platform::Matrix
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let to = &message.to.user_id;
        match &message.body {
            OutgoingBody::Text { text } => {
                self.send(message, json!({"msgtype": "m.text", "body": translate::matrix_commands(text)})).await?;
            }
            OutgoingBody::Choices { text, choices } => self.send(message, question(text, choices)).await?,
            OutgoingBody::Answer { text, post } => {
                let room_id = (message.to.group_chat())
                    .and_then(|id| OwnedRoomId::try_from(id).ok())
                    .ok_or_else(|| DeliveryError::Permanent(format!("not a Matrix room: {to:?}")))?;
                let Some(room) = self.client.get_room(&room_id) else {
                    return Err(DeliveryError::Transient("the bot does not know this room yet".into()));
                };
                let content = json!({"msgtype": "m.notice", "body": translate::matrix_commands(text)});
                let txn = transaction_id(&message.key);
                let sent = room.send_raw("m.room.message", content).with_transaction_id(&txn).await.map_err(failure)?;
                // A post announced in a room: its message is edited when the post closes.
                if let Some(post) = post {
                    let event = sent.response.event_id.to_string();
                    let recorded = self.service.record_post_message(*post, Platform::Matrix, room_id.as_str(), &event);
                    if let Err(error) = recorded.await {
                        tracing::warn!(%error, "could not record where a post was announced");
                    }
                }
            }
            OutgoingBody::Image { name, caption, bytes } => {
                // The chart is a PNG; a relayed photo says its type in its name.
                let kind = match name.rsplit('.').next() {
                    Some("png") => "image/png",
                    Some("gif") => "image/gif",
                    Some("webp") => "image/webp",
                    _ => "image/jpeg",
                };
                self.send_file(message, name, caption, kind, bytes.clone()).await?;
            }
            OutgoingBody::Document { name, caption, content } => {
                self.send_file(message, name, caption, "application/json", content.clone().into_bytes()).await?;
            }
            OutgoingBody::Ban => self.in_every_room(&user(to)?, RoomAction::Ban).await?,
            // Matrix keeps a power level across leaving: a ban lifted lets them post again too
            // (an earlier suspension's level would otherwise stay).
            OutgoingBody::Unban => {
                let user = user(to)?;
                self.in_every_room(&user, RoomAction::Unban).await?;
                self.in_every_room(&user, RoomAction::Unrestrict).await?;
            }
            OutgoingBody::Remove => self.in_every_room(&user(to)?, RoomAction::Kick).await?,
            // Matrix has no timed restriction: the core lifts it when the suspension ends.
            OutgoingBody::Restrict { .. } => self.in_every_room(&user(to)?, RoomAction::Restrict).await?,
            OutgoingBody::Unrestrict => {
                let user = user(to)?;
                self.in_every_room(&user, RoomAction::Unrestrict).await?;
                self.in_every_room(&user, RoomAction::LetInKnocker).await?;
            }
            OutgoingBody::ListMembers => {
                let listed = self.listed().await?;
                let adopted = self.service.adopt_listed(Platform::Matrix, listed).await;
                adopted.map_err(|error| DeliveryError::Transient(error.to_string()))?;
            }
            // In every room, and free to post there (a candidate waited restricted inside).
            OutgoingBody::Admit => {
                let user = user(to)?;
                self.in_every_room(&user, RoomAction::Invite).await?;
                self.in_every_room(&user, RoomAction::Unrestrict).await?;
            }
            OutgoingBody::CreateInviteLink { invitation, invitee, .. } => {
                // Matrix has no invite links: the bot invites the Matrix ID the sponsor named.
                // Without one, the code works in a private room with the bot (!rejoindre).
                let Some(invitee) = invitee.as_deref().and_then(translate::matrix_id_in) else { return Ok(()) };
                // Recorded first: their join may be read before the last invite is sent.
                let invitee = user(&invitee)?;
                self.service
                    .record_native_link(*invitation, Platform::Matrix, invitee.as_str())
                    .await
                    .map_err(|error| DeliveryError::Transient(error.to_string()))?;
                self.in_every_room(&invitee, RoomAction::Invite).await?;
            }
            OutgoingBody::RevokeInviteLink { link } => {
                // Withdraws the invites not taken up, unless they joined: someone who accepts
                // one room at a time keeps the other invitations.
                let invitee = user(link)?;
                if !self.joined_somewhere(&invitee).await? {
                    self.in_every_room(&invitee, RoomAction::WithdrawInvite).await?;
                }
            }
            OutgoingBody::Announce { announcement, text } => {
                let shown = self.service.announced_in(*announcement, Platform::Matrix).await;
                let shown = shown.map_err(|error| DeliveryError::Transient(error.to_string()))?;
                for room_id in self.rooms.iter().filter(|room| !shown.contains(&room.to_string())) {
                    let Some(room) = self.client.get_room(room_id) else { continue };
                    let content = json!({"msgtype": "m.notice", "body": translate::matrix_commands(text)});
                    let txn = transaction_id(&format!("{}:{room_id}", message.key));
                    let sent = match room.send_raw("m.room.message", content).with_transaction_id(&txn).await {
                        Ok(sent) => sent,
                        Err(error) => match failure(error) {
                            // One room refuses (the bot may not post): the others still get it.
                            DeliveryError::Permanent(why) => {
                                tracing::warn!(%why, "a room refused an announcement");
                                continue;
                            }
                            other => return Err(other),
                        },
                    };
                    // Pinned where the bot may pin; unpinned it is still shown.
                    if let Err(error) = room.pin_event(&sent.response.event_id).await {
                        tracing::warn!(%error, "could not pin an announcement");
                    }
                    let event = sent.response.event_id.to_string();
                    let recorded = self.service.record_announcement_message(
                        *announcement,
                        Platform::Matrix,
                        room_id.as_str(),
                        &event,
                    );
                    recorded.await.map_err(|error| DeliveryError::Transient(error.to_string()))?;
                }
            }
            OutgoingBody::RemoveCommand { message: id, .. } => {
                // A report typed in a community room goes out of sight of the one reported.
                let room = RoomId::parse(to).map_err(|_| DeliveryError::Permanent(format!("not a room id: {to:?}")))?;
                let event =
                    EventId::parse(id).map_err(|_| DeliveryError::Permanent(format!("not an event id: {id:?}")))?;
                let room = self
                    .client
                    .get_room(&room)
                    .ok_or_else(|| DeliveryError::Permanent(format!("the bot is not in room {to}")))?;
                match room.redact(&event, None, Some(transaction_id(&message.key))).await.map_err(failure) {
                    Ok(_) => {}
                    // The bot may not redact others' messages there: its author learns to report
                    // privately next time.
                    Err(DeliveryError::Permanent(why)) => {
                        tracing::warn!(%why, "a room refused to redact a report (entraide doctor checks the bot's powers)");
                        self.service
                            .removal_refused(message)
                            .await
                            .map_err(|error| DeliveryError::Transient(error.to_string()))?;
                    }
                    Err(other) => return Err(other),
                }
            }
            OutgoingBody::EditMessage { message: id, .. } | OutgoingBody::DeleteMessage { message: id } => {
                // The announcement of a closed post, or a withdrawn one, is taken down.
                let room = RoomId::parse(to).map_err(|_| DeliveryError::Permanent(format!("not a room id: {to:?}")))?;
                let event =
                    EventId::parse(id).map_err(|_| DeliveryError::Permanent(format!("not an event id: {id:?}")))?;
                let room = self
                    .client
                    .get_room(&room)
                    .ok_or_else(|| DeliveryError::Permanent(format!("the bot is not in room {to}")))?;
                room.redact(&event, None, Some(transaction_id(&message.key))).await.map_err(failure)?;
                if let Err(error) = room.unpin_event(&event).await {
                    tracing::warn!(%error, "could not unpin a message taken down");
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transaction_ids_are_stable_and_distinct() {
        let key = "ask:3:matrix:@lea:example.org";
        assert_eq!(transaction_id(key), transaction_id(key));
        assert_ne!(transaction_id("a:b"), transaction_id("a_b"), "made safe, still apart");
        assert!(transaction_id(key).as_str().chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
    }

    #[test]
    fn questions_spell_out_their_answers() {
        let choices = vec![
            Choice { label: "J'accepte".into(), command: "/accepter 3".into() },
            Choice { label: "Pas cette fois".into(), command: "/refuser 3".into() },
        ];
        let content = question("Léa cherche une perceuse.", &choices);
        assert_eq!(
            content["body"],
            "Léa cherche une perceuse.\n✅ J'accepte : !accepter 3\n❌ Pas cette fois : !refuser 3"
        );
        assert_eq!(translate::choose(&content[CHOICES_FIELD], "❌").as_deref(), Some("/refuser 3"));

        let mut three = choices.clone();
        three.push(Choice { label: "Pas ce que je propose".into(), command: "/refuser 3 pas-pour-moi".into() });
        let content = question("Léa cherche une perceuse.", &three);
        assert!(
            content["body"]
                .as_str()
                .is_some_and(|body| body.ends_with("\n🚫 Pas ce que je propose : !refuser 3 pas-pour-moi"))
        );
        assert_eq!(translate::choose(&content[CHOICES_FIELD], "🚫").as_deref(), Some("/refuser 3 pas-pour-moi"));
    }
}
