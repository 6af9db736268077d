//! `entraide-matrix`: the community on Matrix, through a bot account and matrix-sdk. Like
//! every adapter it only translates: room events become core commands and joins
//! ([`translate`]), the outbox's messages and actions become Matrix requests ([`messenger`]).
//!
//! The bot keeps its session and end-to-end encryption keys in a folder (private rooms are
//! encrypted by default in Element). It reads events with `/sync` from the token saved in the
//! core's database; each event is handled exactly once (`Service::handle_event`, keyed by the
//! event id), so a restart resumes without replaying anything. The token is saved only once
//! every event of its batch is handled, in every room, including those a cut-short timeline
//! left out (read back with `/messages`): it never moves past an event not recorded.
#![recursion_limit = "256"]

pub mod leased;
pub mod messenger;
pub mod translate;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use dashmap::DashMap;
use entraide_core::command::{CommandName, command_name};
use entraide_core::connection::Connection;
use entraide_core::diagnosis::{Finding, Severity};
use entraide_core::model::{AccountRef, Platform};
use entraide_core::service::{Answering, EventRef, Incoming, MAX_PHOTO_BYTES, MessageRef, Photo, Reply, Service};
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::{RequestConfig, SyncSettings, SyncToken};
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::ruma::events::StateEventType;
use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId, RoomAliasId, RoomId, UserId};
use matrix_sdk::sync::{State, SyncResponse};
use matrix_sdk::{Client, Room};
use serde_json::Value;

pub use leased::{LeasedMatrix, LeasedMessenger};
pub use messenger::MatrixMessenger;
use translate::{Inbound, RoomKind};

/// Where the adapter resumes reading events (the last `/sync` batch token).
pub const SYNC_TOKEN: &str = "matrix:since";

/// What the adapter needs besides the password.
#[derive(Debug, Clone)]
pub struct MatrixSettings {
    /// The homeserver's URL.
    pub homeserver: String,
    /// The bot's user name or Matrix ID.
    pub user: String,
    /// The community's rooms, by id or alias.
    pub rooms: Vec<String>,
    /// Where the session and the encryption keys are kept.
    pub store: PathBuf,
    /// Encrypts that folder's databases, when set.
    pub store_passphrase: Option<String>,
    /// How long one `/sync` waits for news.
    pub sync_timeout: Duration,
}

/// Why the adapter could not start.
#[derive(Debug, thiserror::Error)]
pub enum MatrixError {
    /// The session folder cannot be used.
    #[error("the Matrix store folder {0} cannot be used: {1}")]
    Store(PathBuf, String),
    /// The homeserver refused or could not be reached.
    #[error("the Matrix homeserver: {0}")]
    Homeserver(String),
    /// A configured room is not a room id or alias, or the bot cannot join it.
    #[error("the Matrix room {0}: {1}")]
    Room(String, String),
    /// The saved session belongs to another account than the configured one.
    #[error("the saved Matrix session is for {saved}, not {configured}: delete {path} to log in again")]
    OtherAccount {
        /// The account in the session file.
        saved: String,
        /// The configured account.
        configured: String,
        /// The session file.
        path: PathBuf,
    },
}

/// What [`Matrix::lacking_powers`] says of a room whose power levels could not be read.
pub const UNREADABLE: &str = "unknown: the power levels could not be read";

/// The Matrix side of a community.
#[derive(Clone)]
pub struct Matrix {
    client: Client,
    service: Arc<Service>,
    /// The community's rooms, resolved to ids.
    rooms: Arc<Vec<OwnedRoomId>>,
    /// Each member's private room with the bot, as last seen.
    direct: Arc<DashMap<OwnedUserId, OwnedRoomId>>,
    sync_timeout: Duration,
    /// Up while the homeserver answers syncs.
    connection: Connection,
}

impl Matrix {
    /// Logs in (or restores the saved session, so the bot keeps one device and its keys)
    /// and joins the community's rooms. The password is never logged.
    pub async fn connect(settings: MatrixSettings, password: &str, service: Arc<Service>) -> Result<Self, MatrixError> {
        let store = &settings.store;
        std::fs::create_dir_all(store).map_err(|error| MatrixError::Store(store.clone(), error.to_string()))?;
        // No automatic retries: the outbox decides when to try again (and respects a 429).
        let requests = RequestConfig::new().disable_retry().timeout(Duration::from_secs(30));
        let client = Client::builder()
            .homeserver_url(&settings.homeserver)
            .sqlite_store(store, settings.store_passphrase.as_deref())
            .request_config(requests)
            .build()
            .await
            .map_err(|error| MatrixError::Homeserver(error.to_string()))?;
        let session_file = store.join("session.json");
        match std::fs::read_to_string(&session_file) {
            Ok(saved) => {
                let session: MatrixSession = serde_json::from_str(&saved)
                    .map_err(|error| MatrixError::Store(session_file.clone(), error.to_string()))?;
                let configured = full_user_id(&settings.user, &settings.homeserver);
                let same_account =
                    session.meta.user_id.as_str() == configured || session.meta.user_id.localpart() == settings.user;
                if !same_account {
                    return Err(MatrixError::OtherAccount {
                        saved: session.meta.user_id.to_string(),
                        configured,
                        path: session_file,
                    });
                }
                client.restore_session(session).await.map_err(|error| MatrixError::Homeserver(error.to_string()))?;
            }
            // Only a missing file means "log in": another error must not make a new device
            // that the saved keys do not belong to.
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(MatrixError::Store(session_file, error.to_string()));
            }
            Err(_) => {
                client
                    .matrix_auth()
                    .login_username(&settings.user, password)
                    .initial_device_display_name("Entraide")
                    .await
                    .map_err(|error| MatrixError::Homeserver(error.to_string()))?;
                let session = client.matrix_auth().session().ok_or_else(|| {
                    MatrixError::Homeserver("the homeserver accepted the login but gave no session".into())
                })?;
                let json = serde_json::to_string(&session)
                    .map_err(|error| MatrixError::Store(session_file.clone(), error.to_string()))?;
                write_private(&session_file, &json)
                    .map_err(|error| MatrixError::Store(session_file.clone(), error.to_string()))?;
            }
        }
        let mut rooms = Vec::new();
        for room in &settings.rooms {
            let id = join_room(&client, room).await?;
            // A space stands for its rooms: each of them is a community room too (one the
            // bot cannot join is said in the logs, and the others are served).
            for child in space_children(&client, &id).await? {
                if rooms.contains(&child) || settings.rooms.iter().any(|room| room == child.as_str()) {
                    continue;
                }
                match join_room(&client, child.as_str()).await {
                    Ok(_) => rooms.push(child),
                    Err(error) => tracing::warn!(%error, "could not join a room of the community's space"),
                }
            }
            if !rooms.contains(&id) {
                rooms.push(id);
            }
        }
        Ok(Self {
            client,
            service,
            rooms: Arc::new(rooms),
            direct: Arc::default(),
            sync_timeout: settings.sync_timeout,
            connection: Connection::default(),
        })
    }

    /// Reports on `connection` (one that outlives this connection) rather than its own.
    #[must_use]
    pub fn with_connection(mut self, connection: Connection) -> Self {
        self.connection = connection;
        self
    }

    /// Whether the homeserver answered the last sync.
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// The bot's Matrix ID.
    pub fn user_id(&self) -> Option<OwnedUserId> {
        self.client.user_id().map(ToOwned::to_owned)
    }

    /// The community's rooms, as ids.
    pub fn rooms(&self) -> &[OwnedRoomId] {
        &self.rooms
    }

    /// The messenger the dispatcher delivers Matrix's share of the outbox through.
    pub fn messenger(&self) -> MatrixMessenger {
        MatrixMessenger::new(
            self.client.clone(),
            Arc::clone(&self.rooms),
            Arc::clone(&self.direct),
            Arc::clone(&self.service),
        )
    }

    /// Reads events until `shutdown` completes. The first start reads no history: the bot
    /// answers what is written from now on. A homeserver error never stops it.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        self.check_power_levels().await;
        let mut since = loop {
            match self.service.cursor(SYNC_TOKEN).await {
                Ok(saved) => break saved,
                Err(error) => {
                    tracing::error!(%error, "could not read the saved Matrix sync token; trying again");
                    tokio::select! {
                        () = &mut shutdown => return,
                        () = tokio::time::sleep(Duration::from_secs(5)) => {}
                    }
                }
            }
        };
        // Most batches are read whole; a longer timeline is cut short by the homeserver, and
        // what it left out is read back (`handle_gap`).
        let mut filter = FilterDefinition::default();
        filter.room.timeline.limit = Some(100u32.into());
        let mut invitations = Vec::new();
        // The first batch after a start is not trusted to hold all that happened since the
        // saved token: after a kill, Synapse was seen answering it with no room at all though
        // events had happened (measured with the crash test). Every room is read back from
        // the token instead, and what the batch holds too is skipped as handled.
        let mut resumed = true;
        loop {
            let settings = match &since {
                Some(token) => SyncSettings::new().token(token.clone()).timeout(self.sync_timeout),
                None => SyncSettings::new().token(SyncToken::NoToken).timeout(Duration::ZERO),
            };
            let synced = tokio::select! {
                () = &mut shutdown => return,
                synced = self.client.sync_once(settings.filter(Filter::FilterDefinition(filter.clone()))) => synced,
            };
            self.connection.set(synced.is_ok());
            match synced {
                Ok(response) => {
                    self.accept_invites(&response, &mut invitations).await;
                    // The first sync is the past: only its token is kept. A batch not handled
                    // whole (an arrival not recorded, events left out that could not be read)
                    // is read again, shortly: each event is handled once.
                    if let Some(token) = &since
                        && !self.handle_sync(&response, token, resumed).await
                    {
                        tokio::select! {
                            () = &mut shutdown => return,
                            () = tokio::time::sleep(Duration::from_secs(1)) => {}
                        }
                        continue;
                    }
                    if let Err(error) = self.service.save_cursor(SYNC_TOKEN, &response.next_batch).await {
                        tracing::error!(%error, "could not save the Matrix sync token");
                    }
                    since = Some(response.next_batch);
                    resumed = false;
                }
                Err(error) => {
                    let revoked = matches!(error.client_api_error_kind(), Some(ErrorKind::UnknownToken(_)));
                    let wait = match revoked {
                        true => {
                            tracing::error!(
                                "the homeserver no longer accepts the bot's session: delete the session.json file in the Matrix store folder and restart"
                            );
                            Duration::from_secs(60)
                        }
                        false => {
                            tracing::warn!(%error, "Matrix sync failed; trying again");
                            messenger::retry_after(&error).unwrap_or(Duration::from_secs(2))
                        }
                    };
                    tokio::select! {
                        () = &mut shutdown => return,
                        () = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }

    /// The community rooms where the bot lacks a power it needs (to ban, kick, invite,
    /// redact others' messages, change power levels), and which; [`UNREADABLE`] when the
    /// room's power levels could not be read.
    pub async fn lacking_powers(&self) -> Vec<(OwnedRoomId, Vec<&'static str>)> {
        let Some(me) = self.client.user_id() else { return Vec::new() };
        use matrix_sdk::ruma::api::client::state::get_state_event_for_key::v3::Request;
        let mut lacking = Vec::new();
        for id in self.rooms.iter() {
            // Asked of the homeserver: at start the bot may not have synced the room yet.
            let request = Request::new(id.clone(), StateEventType::RoomPowerLevels, String::new());
            let levels = match self.client.send(request).await {
                Ok(response) => serde_json::from_str(response.event_or_content.get()).unwrap_or(Value::Null),
                Err(error) => {
                    tracing::warn!(room = %id, %error, "could not read a room's power levels");
                    lacking.push((id.clone(), vec![UNREADABLE]));
                    continue;
                }
            };
            let lacks = powers_lacking(&levels, me.as_str());
            if !lacks.is_empty() {
                lacking.push((id.clone(), lacks));
            }
        }
        lacking
    }

    /// What `entraide doctor` reports: the login (`connect` first, which also joins the
    /// rooms), then the bot's powers in each room.
    pub async fn diagnose(settings: MatrixSettings, password: &str, service: Arc<Service>) -> Vec<Finding> {
        let user = settings.user.clone();
        let matrix =
            match tokio::time::timeout(Duration::from_secs(60), Self::connect(settings, password, service)).await {
                Err(_) => return vec![Finding::new(Severity::Blocking, "doctor-matrix-unreachable")],
                Ok(Err(error)) => {
                    let finding = match error {
                        MatrixError::Homeserver(error) => {
                            Finding::new(Severity::Blocking, "doctor-matrix-login").with("error", error)
                        }
                        MatrixError::Room(room, error) => Finding::new(Severity::Blocking, "doctor-matrix-room")
                            .with("room", room)
                            .with("error", error),
                        MatrixError::Store(path, error) => Finding::new(Severity::Blocking, "doctor-matrix-store")
                            .with("path", path.display())
                            .with("error", error),
                        MatrixError::OtherAccount { saved, configured, path } => {
                            Finding::new(Severity::Blocking, "doctor-matrix-other-account")
                                .with("saved", saved)
                                .with("configured", configured)
                                .with("path", path.display())
                        }
                    };
                    return vec![finding];
                }
                Ok(Ok(matrix)) => matrix,
            };
        let mut found = vec![Finding::new(Severity::Fine, "doctor-matrix-ok").with("name", user)];
        if matrix.rooms.is_empty() {
            found.push(Finding::new(Severity::Warning, "doctor-matrix-no-room"));
        }
        let lacking = matrix.lacking_powers().await;
        for room in matrix.rooms.iter() {
            let Some((_, powers)) = lacking.iter().find(|(id, _)| id == room) else {
                found.push(Finding::new(Severity::Fine, "doctor-matrix-room-ok").with("room", room));
                continue;
            };
            for power in powers {
                let (key, severity) = match *power {
                    "ban" => ("doctor-matrix-power-ban", Severity::Blocking),
                    "kick" => ("doctor-matrix-power-kick", Severity::Blocking),
                    "invite" => ("doctor-matrix-power-invite", Severity::Blocking),
                    "redact" => ("doctor-matrix-power-redact", Severity::Warning),
                    "power levels" => ("doctor-matrix-power-levels", Severity::Blocking),
                    _ => ("doctor-matrix-power-unreadable", Severity::Warning),
                };
                found.push(Finding::new(severity, key).with("room", room));
            }
        }
        found
    }

    /// Says (in the logs) which rooms the bot cannot moderate, and how to fix it.
    async fn check_power_levels(&self) {
        // An unreadable room was logged already; it is not known to lack anything.
        let lacking = self.lacking_powers().await.into_iter().filter(|(_, lacks)| !lacks.contains(&UNREADABLE));
        for (room, lacks) in lacking {
            tracing::warn!(
                %room,
                lacks = lacks.join(", "),
                "the bot lacks power in a room: give it power level 100 (or enough to ban, kick, invite, redact and change power levels)"
            );
        }
    }

    /// Joins the rooms the bot is invited to that it serves: the community's, and private
    /// rooms people open with it. A join that fails is tried again at the next sync.
    async fn accept_invites(&self, response: &SyncResponse, pending: &mut Vec<OwnedRoomId>) {
        let Some(me) = self.client.user_id() else { return };
        for (id, invited) in &response.rooms.invited {
            let direct = invited.invite_state.events.iter().any(|event| {
                let Ok(event) = serde_json::from_str::<Value>(event.json().get()) else { return false };
                event["type"] == "m.room.member"
                    && event["state_key"] == me.as_str()
                    && event["content"]["is_direct"] == true
            });
            if (direct || self.rooms.contains(id)) && !pending.contains(id) {
                pending.push(id.clone());
            }
        }
        let mut still = Vec::new();
        for id in pending.drain(..) {
            let Some(room) = self.client.get_room(&id) else { continue };
            if room.state() != matrix_sdk::RoomState::Invited {
                continue;
            }
            if let Err(error) = room.join().await {
                tracing::warn!(%error, "could not join a room the bot was invited to; trying again");
                still.push(id);
            }
        }
        *pending = still;
    }

    /// Handles the events of one sync read from `since`, room by room, in order: what a
    /// cut-short timeline left out (on the first batch after a start, `resumed`: everything
    /// since the token, in every room), the timeline, then the arrivals only in the state. False
    /// when an event could not be read or an arrival recorded, so that the batch is read
    /// again (and its token not saved).
    async fn handle_sync(&self, response: &SyncResponse, since: &str, resumed: bool) -> bool {
        let mut recorded = true;
        if resumed {
            for room in self.client.joined_rooms() {
                let kind = self.room_kind(&room).await;
                if kind != RoomKind::Other && !self.handle_gap(&room, kind, since, None).await {
                    return false;
                }
            }
        }
        for (id, update) in &response.rooms.joined {
            let Some(room) = self.client.get_room(id) else { continue };
            let kind = self.room_kind(&room).await;
            // More happened in the room than one batch holds (a busy room, a bot away): the
            // homeserver sent only the latest events. The others are read back first, or the
            // saved token would pass over them for good; until they are, nothing later is
            // handled, so that a member's commands keep their order.
            if update.timeline.limited
                && !resumed
                && kind != RoomKind::Other
                && !self.handle_gap(&room, kind, since, update.timeline.prev_batch.as_deref()).await
            {
                return false;
            }
            for event in &update.timeline.events {
                recorded &= self.handle_timeline_event(&room, kind, event).await;
            }
            let state = match &update.state {
                State::Before(events) | State::After(events) => events,
            };
            for event in state {
                let Ok(json) = serde_json::from_str::<Value>(event.json().get()) else { continue };
                if json["type"] == "m.room.member" {
                    recorded &= self.handle(&room, kind, &json).await;
                }
            }
        }
        recorded
    }

    /// Reads back and handles, oldest first, the events of a room that a cut-short timeline
    /// left out: those after `since` (the batch's starting token) and before the timeline
    /// (`prev_batch`, or up to now without one: what is handled twice is skipped). False when
    /// they could not all be read or recorded.
    async fn handle_gap(&self, room: &Room, kind: RoomKind, since: &str, prev_batch: Option<&str>) -> bool {
        use matrix_sdk::room::MessagesOptions;
        let mut recorded = true;
        let mut from = since.to_owned();
        loop {
            let mut options = MessagesOptions::forward().from(from.as_str());
            options.to = prev_batch.map(ToOwned::to_owned);
            options.limit = 100u32.into();
            let page = match room.messages(options).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::warn!(room = %room.room_id(), %error, "could not read the events a sync left out; trying again");
                    return false;
                }
            };
            for event in &page.chunk {
                recorded &= self.handle_timeline_event(room, kind, event).await;
            }
            // No `end`: the last page was read.
            match page.end {
                Some(end) if end != from => from = end,
                _ => return recorded,
            }
        }
    }

    /// Handles one event of a room's timeline (decrypted, when it was encrypted and the bot
    /// has its key). False when an arrival could not be recorded.
    async fn handle_timeline_event(&self, room: &Room, kind: RoomKind, event: &TimelineEvent) -> bool {
        if event.kind.is_utd() {
            tracing::warn!(room = %room.room_id(), "an event the bot cannot decrypt");
            return true;
        }
        let Ok(json) = serde_json::from_str::<Value>(event.raw().json().get()) else { return true };
        self.handle(room, kind, &json).await
    }

    /// What a room is to the community.
    async fn room_kind(&self, room: &Room) -> RoomKind {
        if self.rooms.iter().any(|id| id == room.room_id()) {
            let request_channel = self.service.settings().is_request_channel(room.room_id().as_str());
            return RoomKind::Community { request_channel };
        }
        if room.joined_members_count() + room.invited_members_count() <= 2 {
            return RoomKind::Direct;
        }
        RoomKind::Other
    }

    /// Handles one event: a message or an answer is handled by the core and answered in its
    /// room; an arrival is attributed to its invitation (or held for moderators). False when
    /// an arrival could not be recorded.
    pub async fn handle(&self, room: &Room, kind: RoomKind, event: &Value) -> bool {
        let Some(me) = self.client.user_id().map(ToOwned::to_owned) else { return true };
        tracing::trace!(event = event["event_id"].as_str(), kind = event["type"].as_str(), "a Matrix event");
        let sender = event["state_key"].as_str().or(event["sender"].as_str()).unwrap_or_default();
        let name = match event["content"]["displayname"].as_str() {
            Some(name) if event["type"] == "m.room.member" => name.to_owned(),
            _ => self.display_name(room, sender).await,
        };
        match translate::translate(event, kind, me.as_str(), &name) {
            Inbound::Message { event, mut incoming, reply_to, mentions } => {
                // Someone named by a pill is the member behind that Matrix ID.
                incoming.text = self.service.with_mentions(std::mem::take(&mut incoming.text), mentions).await;
                // In a community room, a report by reply reports the message's author.
                if let (RoomKind::Community { .. }, Some(target)) = (kind, &reply_to)
                    && command_name(&incoming.text) == Some(CommandName::Report)
                    && let Some(replied) = self.room_event(room, target).await
                    && let Some(sender) = replied["sender"].as_str().filter(|sender| *sender != me.as_str())
                {
                    let quoted = replied["content"]["body"].as_str().map(translate::without_reply_fallback);
                    let author = translate::account(sender);
                    let text = &incoming.text;
                    incoming.text = self.service.group_reply_text(&incoming.account, &author, quoted, text).await;
                }
                if kind == RoomKind::Direct {
                    self.remember_direct(&incoming, room);
                    // A reply to one of the bot's questions (✅, !accepter) answers it; a reply
                    // to a relayed message is for the other side of that conversation.
                    if let Some(target) = reply_to {
                        let replied = self.bot_event(room, &target, &me).await;
                        let choices = replied.as_ref().map(|event| &event["content"][translate::CHOICES_FIELD]);
                        match choices.and_then(|choices| translate::choose(choices, &incoming.text)) {
                            Some(command) => incoming.text = command,
                            None => {
                                // The message replied to goes along if it is reported.
                                let quoted = replied.as_ref().and_then(|event| event["content"]["body"].as_str());
                                let text = &incoming.text;
                                incoming.text = self.service.reply_text(&incoming.account, &target, quoted, text).await;
                            }
                        }
                    }
                }
                let in_group = kind != RoomKind::Direct;
                let (account, name) = (incoming.account.clone(), incoming.display_name.clone());
                incoming.message = Some(MessageRef { chat: room.room_id().to_string(), id: event.id.clone() });
                let answering = match in_group {
                    true => Answering::InGroup(room.room_id().to_string()),
                    false => Answering::Privately,
                };
                let Some(reply) = self.service.handle_event(event.clone(), incoming, answering).await else {
                    return true;
                };
                self.answer_in(room, &event, &account, reply, in_group.then_some(name.as_str())).await;
            }
            Inbound::Photo { event, incoming, content, reply_to } => {
                self.remember_direct(&incoming, room);
                let account = incoming.account.clone();
                let Some(photo) = self.photo(&content, &incoming.text).await else { return true };
                if let Some(reply) = self.service.photo_event(event.clone(), incoming, reply_to.as_deref(), photo).await
                {
                    self.answer_in(room, &event, &account, reply, None).await;
                }
            }
            Inbound::Reaction { event, mut incoming, key, target } => {
                self.remember_direct(&incoming, room);
                let Some(command) = self.answer(room, &target, &key, &me).await else { return true };
                incoming.text = command;
                let account = incoming.account.clone();
                if let Some(reply) = self.service.handle_event(event.clone(), incoming, Answering::Privately).await {
                    self.answer_in(room, &event, &account, reply, None).await;
                }
            }
            Inbound::ByHand { event, actor, target, action } => {
                if let Err(error) = self.service.sanctioned_by_hand(event, actor, target, action).await {
                    tracing::error!(%error, "could not record a sanction made in a Matrix client");
                    return false;
                }
            }
            Inbound::Join { event, join } => {
                if let Err(error) = self.service.join_event(event, join).await {
                    tracing::error!(%error, "could not record a Matrix join");
                    return false;
                }
            }
            Inbound::Edited { event, account } => {
                let lang = match self.service.lang_of(&account).await {
                    Ok(lang) => lang,
                    Err(error) => {
                        tracing::warn!(%error, "could not read a member's language");
                        self.service.default_lang()
                    }
                };
                let text = entraide_core::catalog::text(lang, "edit-not-read", &[]);
                self.answer_in(room, &event, &account, Reply { post: None, text }, None).await;
            }
            Inbound::Ignored => {}
        }
        true
    }

    /// The command an answer to one of the bot's questions stands for, if `target` is one.
    async fn answer(&self, room: &Room, target: &str, answer: &str, me: &UserId) -> Option<String> {
        let question = self.bot_event(room, target, me).await?;
        translate::choose(&question["content"][translate::CHOICES_FIELD], answer)
    }

    /// One of the bot's own events in a room (decrypted), as JSON.
    async fn bot_event(&self, room: &Room, target: &str, me: &UserId) -> Option<Value> {
        let event = self.room_event(room, target).await?;
        (event["sender"] == me.as_str()).then_some(event)
    }

    /// An event of a room (decrypted), as JSON.
    async fn room_event(&self, room: &Room, target: &str) -> Option<Value> {
        let target = matrix_sdk::ruma::EventId::parse(target).ok()?;
        let event = match room.event(&target, None).await {
            Ok(event) => event,
            Err(error) => {
                tracing::warn!(%error, "could not read the message an answer refers to");
                return None;
            }
        };
        serde_json::from_str(event.raw().json().get()).ok()
    }

    /// The image an `m.image` content points to, downloaded (and decrypted, in an encrypted
    /// room); named by its type only, since a file's name may say more than its sender meant.
    async fn photo(&self, content: &Value, caption: &str) -> Option<Photo> {
        use matrix_sdk::media::{MediaFormat, MediaRequestParameters};
        use matrix_sdk::ruma::events::room::message::ImageMessageEventContent;
        let image: ImageMessageEventContent = serde_json::from_value(content.clone()).ok()?;
        let info = image.info.as_deref();
        // Far beyond what is relayed: not fetched (the core says so for smaller excesses).
        if info.and_then(|info| info.size).is_some_and(|size| u64::from(size) > 10 * MAX_PHOTO_BYTES as u64) {
            return None;
        }
        let png = info.and_then(|info| info.mimetype.as_deref()) == Some("image/png");
        let request = MediaRequestParameters { source: image.source.clone(), format: MediaFormat::File };
        match self.client.media().get_media_content(&request, false).await {
            Ok(bytes) => {
                let name = if png { "photo.png" } else { "photo.jpg" };
                Some(Photo { name: name.to_owned(), bytes, caption: caption.to_owned() })
            }
            Err(_) => {
                // (Its error may name the file's address.)
                tracing::warn!("could not download a photo");
                None
            }
        }
    }

    /// Answers where the member wrote, through the outbox (within Synapse's rate limits,
    /// retried after a refusal or a restart, after what was already held for them): in a
    /// community room, named (`for_name`) so the room sees whom it is for; in a private
    /// room, to them. Only when the database cannot take it is the answer sent at once.
    async fn answer_in(
        &self,
        room: &Room,
        event: &EventRef,
        account: &AccountRef,
        mut reply: Reply,
        for_name: Option<&str>,
    ) {
        if let Some(name) = for_name {
            let lang = self.service.settings().default_lang;
            let args = [("name", name.into()), ("text", reply.text.as_str().into())];
            reply.text = entraide_core::catalog::text(lang, "answer-for", &args);
        } else {
            reply.post = None;
        }
        let text = translate::matrix_commands(&reply.text);
        let group = for_name.map(|_| room.room_id().to_string());
        let Err(error) = self.service.enqueue_answer(event, account, group.as_deref(), reply).await else { return };
        tracing::warn!(%error, "could not enqueue an answer; sending it at once");
        self.service.answered_directly(event).await;
        let content = matrix_sdk::ruma::events::room::message::RoomMessageEventContent::notice_plain(text);
        let sending = room
            .send(content)
            .with_transaction_id(messenger::transaction_id(&format!("answer:{}", event.id)))
            .with_request_config(RequestConfig::new().retry_limit(3));
        if let Err(error) = sending.await {
            tracing::warn!(%error, platform = %Platform::Matrix, "could not answer in a room");
        }
    }

    /// The name a room shows for someone.
    async fn display_name(&self, room: &Room, user: &str) -> String {
        let Ok(user) = UserId::parse(user) else { return String::new() };
        match room.get_member_no_sync(&user).await {
            Ok(Some(member)) => member.display_name().unwrap_or_default().to_owned(),
            _ => String::new(),
        }
    }

    /// Someone wrote in a private room: the bot writes to them there.
    fn remember_direct(&self, incoming: &Incoming, room: &Room) {
        if let Ok(user) = UserId::parse(&incoming.account.user_id) {
            self.direct.insert(user, room.room_id().to_owned());
        }
    }
}

/// Joins a community room (by id or alias) and returns its id.
async fn join_room(client: &Client, room: &str) -> Result<OwnedRoomId, MatrixError> {
    let failed = |error: String| MatrixError::Room(room.to_owned(), error);
    let id = if room.starts_with('#') {
        let alias = RoomAliasId::parse(room).map_err(|error| failed(error.to_string()))?;
        client.resolve_room_alias(&alias).await.map_err(|error| failed(error.to_string()))?.room_id
    } else {
        RoomId::parse(room).map_err(|error| failed(error.to_string()))?
    };
    if client.get_room(&id).is_none_or(|joined| joined.state() != matrix_sdk::RoomState::Joined) {
        client.join_room_by_id(&id).await.map_err(|error| failed(error.to_string()))?;
    }
    Ok(id)
}

/// What a user cannot do in a room with these power levels (`m.room.power_levels`'
/// content), of what the bot needs; the spec's defaults where a level is not set.
fn powers_lacking(levels: &Value, user: &str) -> Vec<&'static str> {
    let level = |value: &Value, default: i64| value.as_i64().unwrap_or(default);
    let mine = level(&levels["users"][user], level(&levels["users_default"], 0));
    let state_default = level(&levels["state_default"], 50);
    [
        ("ban", level(&levels["ban"], 50)),
        ("kick", level(&levels["kick"], 50)),
        ("invite", level(&levels["invite"], 0)),
        ("redact", level(&levels["redact"], 50)),
        ("power levels", level(&levels["events"]["m.room.power_levels"], state_default)),
    ]
    .into_iter()
    .filter(|(_, needed)| mine < *needed)
    .map(|(what, _)| what)
    .collect()
}

/// The rooms of a space (none when the room is not a space), one level down.
async fn space_children(client: &Client, id: &RoomId) -> Result<Vec<OwnedRoomId>, MatrixError> {
    use matrix_sdk::ruma::api::client::space::get_hierarchy::v1::Request;
    use matrix_sdk::ruma::room::RoomType;
    let failed = |error: matrix_sdk::HttpError| MatrixError::Room(id.to_string(), error.to_string());
    let (mut found, mut from, mut is_space) = (Vec::new(), None, false);
    loop {
        let mut request = Request::new(id.to_owned());
        request.max_depth = Some(1u32.into());
        request.from = from;
        let response = client.send(request).await.map_err(failed)?;
        for room in response.rooms {
            if room.summary.room_id == id {
                is_space = room.summary.room_type == Some(RoomType::Space);
            } else if room.summary.room_type != Some(RoomType::Space) {
                found.push(room.summary.room_id);
            }
        }
        match response.next_batch {
            Some(next) => from = Some(next),
            None => return Ok(if is_space { found } else { Vec::new() }),
        }
    }
}

/// `@user:server` from a configured user name and the homeserver URL's host.
fn full_user_id(user: &str, homeserver: &str) -> String {
    if user.starts_with('@') {
        return user.to_owned();
    }
    let host = url::Url::parse(homeserver).ok().and_then(|url| url.host_str().map(str::to_owned)).unwrap_or_default();
    format!("@{user}:{host}")
}

/// Writes a file only its owner can read (the session's access token).
fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn says_which_powers_the_bot_lacks() {
        let levels = json!({"users": {"@bot:x": 50}, "users_default": 0, "invite": 0, "ban": 50, "kick": 50,
            "redact": 50, "state_default": 50, "events": {"m.room.power_levels": 100}});
        assert_eq!(powers_lacking(&levels, "@bot:x"), vec!["power levels"]);
        assert_eq!(powers_lacking(&levels, "@someone:x"), vec!["ban", "kick", "redact", "power levels"]);
        assert!(powers_lacking(&json!({"users": {"@bot:x": 100}}), "@bot:x").is_empty(), "the spec's defaults");
    }
}
