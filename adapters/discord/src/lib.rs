//! `entraide-discord`: the community on Discord, through a bot application and serenity.
//! Like every adapter it only translates: slash commands, buttons, messages and member
//! joins become core commands and joins ([`translate`]), the outbox's messages and actions
//! become Discord REST calls ([`messenger`]).
//!
//! Each interaction, message and join is handled exactly once (`Service::handle_event`,
//! keyed by its Discord id); serenity resumes the gateway session after a disconnect.

mod catch_up;
pub mod commands;
mod diagnose;
mod gateway;
pub mod messenger;
mod order;
mod rest;
pub mod translate;

use std::collections::HashMap;
use std::sync::Arc;

use entraide_core::catalog;
use entraide_core::command::ChatContext;
use entraide_core::command::CommandName;
use entraide_core::connection::Connection;
use entraide_core::lease::LeaseWatch;
use entraide_core::model::Lang;
use entraide_core::model::Platform;
use entraide_core::service::{Answering, EventRef, Incoming, JoinEvent, MessageRef, Photo, Reply, Service};
use serenity::all::{
    ActionRowComponent, AuditLogEntry, ChannelId, CommandInteraction, ConnectionStage, Context, CreateActionRow,
    CreateAutocompleteResponse, CreateInputText, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, EditInteractionResponse, EventHandler,
    GatewayIntents, GuildId, Http, HttpBuilder, InputTextStyle, Interaction, InviteDeleteEvent, Member, Message,
    ModalInteraction, Ready, ShardStageUpdateEvent, Timestamp, User,
};
use tokio::sync::Mutex;

pub use messenger::DiscordMessenger;
use translate::Attribution;

/// What the adapter needs besides the token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscordSettings {
    /// Another REST base URL (a Discord proxy such as twilight-http-proxy; the tests' fake).
    pub api_url: Option<String>,
    /// The community's guilds: commands are registered and sanctions apply in each.
    pub guilds: Vec<u64>,
    /// The role members get in each guild (guild → role: a role belongs to one guild);
    /// someone held waits without it.
    pub member_roles: std::collections::HashMap<u64, u64>,
    /// Where announcements are posted in each guild (guild → channel).
    pub announce_channels: std::collections::HashMap<u64, u64>,
    /// The channel invites are made for (in the first guild).
    pub invite_channel: Option<u64>,
    /// Gateway shards (Discord splits the guilds among them by id; 0 is taken as 1). Several
    /// processes on one database spread them, each shard held by one at a time.
    pub shards: u32,
}

/// Why the adapter could not start.
#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    /// Discord (or the proxy) refused or could not be reached.
    #[error("Discord: {0}")]
    Gateway(String),
    /// The developer portal does not allow the privileged intents the bot needs: the gateway
    /// would refuse them (close code 4014).
    #[error(
        "Discord: the developer portal does not allow the privileged intent(s) {0}: turn them on under Bot → Privileged Gateway Intents"
    )]
    Intents(String),
}

/// The gateway events the bot reads: guilds, members joining (privileged), invites, messages
/// in guilds and DMs, and their text (privileged: hashtags and request channels need it).
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MEMBERS
        | GatewayIntents::GUILD_INVITES
        | GatewayIntents::GUILD_MODERATION
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// The state shared by the event handler and the messenger.
pub(crate) struct Shared {
    pub(crate) http: Arc<Http>,
    /// The outbox's REST calls, which read Discord's rate limits.
    pub(crate) rest: rest::Rest,
    /// The bot's own user id, once the gateway said it: its own actions come back as events.
    pub(crate) bot_id: std::sync::OnceLock<u64>,
    pub(crate) service: Arc<Service>,
    pub(crate) settings: DiscordSettings,
    /// Per guild, the invites as last seen, to attribute joins.
    pub(crate) invites: Mutex<HashMap<u64, Attribution>>,
    /// Up while a gateway shard is connected.
    pub(crate) connection: Connection,
    /// The shards connected now (a process may hold some of them), and those open here: a
    /// late handler of a shard already closed must not mark it connected.
    connected_shards: std::sync::Mutex<(std::collections::BTreeSet<u32>, std::collections::BTreeSet<u32>)>,
    /// Event handlers at work (serenity runs each in its own task): a stop waits for them.
    pub(crate) in_flight: std::sync::atomic::AtomicUsize,
    /// Messages of a channel handled in the order they were written.
    in_order: order::InOrder,
    /// The DM channels people wrote in lately: where missed DMs are read back from.
    recent_dms: catch_up::RecentDms,
    /// Per shard, its gateway session here (counted) and whether that session read back
    /// what was missed before it.
    sessions: std::sync::Mutex<HashMap<u32, (u64, bool)>>,
}

impl Shared {
    /// Records whether a shard is connected; the connection is up while one is.
    fn shard_is(&self, shard: u32, up: bool) {
        let mut shards = self.connected_shards.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (connected, open) = &mut *shards;
        match up && open.contains(&shard) {
            true => connected.insert(shard),
            false => connected.remove(&shard),
        };
        self.connection.set(!connected.is_empty());
    }

    /// A shard's gateway opens here.
    fn shard_opens(&self, shard: u32) {
        self.connected_shards.lock().unwrap_or_else(std::sync::PoisonError::into_inner).1.insert(shard);
    }

    /// A shard's gateway has closed here.
    fn shard_down(&self, shard: u32) {
        self.connected_shards.lock().unwrap_or_else(std::sync::PoisonError::into_inner).1.remove(&shard);
        self.shard_is(shard, false);
        self.not_caught_up(shard);
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<u32, (u64, bool)>> {
        self.sessions.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new gateway session of a shard: nothing read back yet. Returns its number.
    fn new_session(&self, shard: u32) -> u64 {
        let mut sessions = self.sessions();
        let session = sessions.entry(shard).or_default();
        *session = (session.0 + 1, false);
        session.0
    }

    /// The shard read back what its session `session` missed (unless a newer one started).
    fn caught_up(&self, shard: u32, session: u64) {
        if let Some(current) = self.sessions().get_mut(&shard).filter(|current| current.0 == session) {
            current.1 = true;
        }
    }

    /// The shard's session is interrupted (it may not resume): what follows is not known
    /// to be received until it reads back again.
    fn not_caught_up(&self, shard: u32) {
        if let Some(current) = self.sessions().get_mut(&shard) {
            current.1 = false;
        }
    }

    /// Whether a shard's gateway is open here.
    fn is_open(&self, shard: u32) -> bool {
        self.connected_shards.lock().unwrap_or_else(std::sync::PoisonError::into_inner).1.contains(&shard)
    }

    /// Whether a shard is connected and has missed nothing since it last said so.
    fn is_caught_up(&self, shard: u32) -> bool {
        let connected =
            self.connected_shards.lock().unwrap_or_else(std::sync::PoisonError::into_inner).0.contains(&shard);
        connected && self.sessions().get(&shard).is_some_and(|session| session.1)
    }

    /// Counts a handler at work until the guard is dropped.
    fn busy(&self) -> Busy<'_> {
        self.in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Busy(self)
    }
}

/// A handler at work (see [`Shared::busy`]).
struct Busy<'a>(&'a Shared);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The Discord side of a community.
#[derive(Clone)]
pub struct Discord {
    token: String,
    shared: Arc<Shared>,
    /// One lease per shard when several processes share the database: a shard's gateway
    /// runs only while this process holds its lease (`None`: it runs every shard).
    leases: Option<Vec<LeaseWatch>>,
}

impl Discord {
    /// An adapter for the bot with this token (never logged).
    pub fn new(token: &str, settings: DiscordSettings, service: Arc<Service>) -> Self {
        let mut http = HttpBuilder::new(token);
        if let Some(url) = &settings.api_url {
            // serenity applies a proxy only without its own rate limiter; the outbox keeps
            // Discord's global limit anyway.
            http = http.proxy(url.trim_end_matches('/')).ratelimiter_disabled(true);
        }
        let shared = Shared {
            http: Arc::new(http.build()),
            rest: rest::Rest::new(token, settings.api_url.as_deref()),
            bot_id: std::sync::OnceLock::new(),
            service,
            settings,
            invites: Mutex::default(),
            connection: Connection::default(),
            connected_shards: std::sync::Mutex::default(),
            in_flight: std::sync::atomic::AtomicUsize::new(0),
            in_order: order::InOrder::default(),
            recent_dms: catch_up::RecentDms::default(),
            sessions: std::sync::Mutex::default(),
        };
        Self { token: token.to_owned(), shared: Arc::new(shared), leases: None }
    }

    /// Runs each shard's gateway only while `leases` (one per shard, in order) says this
    /// process holds it (see `entraide_core::lease::LeaseShare`).
    #[must_use]
    pub fn with_shard_leases(mut self, leases: Vec<LeaseWatch>) -> Self {
        self.leases = Some(leases);
        self
    }

    /// The privileged intents the bot needs that the developer portal does not allow (read
    /// from the application's flags): the gateway would close on them (4014).
    pub async fn missing_intents(&self) -> Result<Vec<&'static str>, DiscordError> {
        use serenity::all::ApplicationFlags as F;
        let info = self.shared.http.get_current_application_info().await;
        let flags = info.map_err(|error| DiscordError::Gateway(error.to_string()))?.flags.unwrap_or(F::empty());
        let needed = [
            (F::GATEWAY_GUILD_MEMBERS | F::GATEWAY_GUILD_MEMBERS_LIMITED, "Server Members"),
            (F::GATEWAY_MESSAGE_CONTENT | F::GATEWAY_MESSAGE_CONTENT_LIMITED, "Message Content"),
        ];
        Ok(needed.into_iter().filter(|(allowed, _)| !flags.intersects(*allowed)).map(|(_, name)| name).collect())
    }

    /// Whether the gateway connection is up (ready, not resuming).
    pub fn connection(&self) -> Connection {
        self.shared.connection.clone()
    }

    /// The messenger the dispatcher delivers Discord's share of the outbox through.
    pub fn messenger(&self) -> DiscordMessenger {
        DiscordMessenger::new(Arc::clone(&self.shared))
    }
}

/// Serenity's callbacks, translated.
struct Handler {
    shared: Arc<Shared>,
}

impl Handler {
    fn service(&self) -> &Service {
        &self.shared.service
    }

    /// The language to show someone a form or choices in: a member's own, else their
    /// client's locale, else the community's.
    async fn lang(&self, user: &User, locale: &str) -> Lang {
        let member = self.service().member_lang(&translate::account(user)).await.unwrap_or_else(|error| {
            tracing::warn!(%error, "could not read a member's language");
            None
        });
        member.or_else(|| translate::lang(locale)).unwrap_or(self.service().settings().default_lang)
    }

    fn is_community_guild(&self, guild: Option<GuildId>) -> bool {
        guild.is_some_and(|guild| self.shared.settings.guilds.contains(&guild.get()))
    }

    /// A slash command: handled by the core and answered privately (ephemerally), but for
    /// requests and offers, announced in the channel. A request or an offer typed without its
    /// text gets a form, roomier than a command line.
    async fn command(&self, ctx: &Context, command: CommandInteraction) {
        let name = CommandName::all().find(|name| name.word(Lang::Fr) == command.data.name);
        let post = name.is_some_and(|name| name.has(entraide_core::command::Trait::Announces));
        if post && !command.data.options.iter().any(|option| option.name == commands::TEXT) {
            let lang = self.lang(&command.user, &command.locale).await;
            let label = catalog::text(lang, "discord-form-label", &[]);
            let input = CreateInputText::new(InputTextStyle::Paragraph, label, commands::TEXT).max_length(1000);
            // The form carries the command (and the category chosen, if any) back.
            let title = format!("/{}", command.data.name);
            let form = CreateModal::new(translate::command_text(&command), title)
                .components(vec![CreateActionRow::InputText(input)]);
            if let Err(error) = command.create_response(&ctx.http, CreateInteractionResponse::Modal(form)).await {
                tracing::warn!(%error, "could not show a form");
            }
            return;
        }
        let text = translate::command_text(&command);
        let announced = post && self.is_community_guild(command.guild_id);
        self.answer(ctx, Pending::Command(&command), &command.user, &command.locale, text, announced).await;
    }

    /// Something being typed that Discord completes (25 choices at most): a place, from the
    /// places the core knows; a number, from the member's own open posts, newest first.
    async fn complete(&self, ctx: &Context, typing: CommandInteraction) {
        let mut choices = CreateAutocompleteResponse::new();
        match typing.data.autocomplete() {
            Some(focused) if focused.name == commands::TEXT => {
                for place in entraide_core::matching::places::suggestions(focused.value, 25) {
                    choices = choices.add_string_choice(place.clone(), place);
                }
            }
            _ => {
                let account = translate::account(&typing.user);
                let posts = match self.service().open_posts_of(&account).await {
                    Ok(posts) => posts,
                    Err(error) => {
                        tracing::warn!(%error, "could not read a member's open posts");
                        Vec::new()
                    }
                };
                // In the member's language, within Discord's 100 characters for a choice (one
                // too long and Discord refuses them all).
                let lang = self.lang(&typing.user, &typing.locale).await;
                for (id, text) in posts.into_iter().take(25) {
                    let name = catalog::text(lang, "discord-post-choice", &[("id", id.into()), ("text", text.into())]);
                    choices = choices.add_int_choice(name.chars().take(100).collect::<String>(), id);
                }
            }
        }
        if let Err(error) = typing.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices)).await {
            tracing::warn!(%error, "could not complete a command");
        }
    }

    /// A form sent back: the command it completes, with its text.
    async fn form(&self, ctx: &Context, form: ModalInteraction) {
        let command = form.data.custom_id.clone();
        if !command.starts_with('/') {
            return;
        }
        let text = form
            .data
            .components
            .iter()
            .flat_map(|row| &row.components)
            .find_map(|component| match component {
                ActionRowComponent::InputText(input) if input.custom_id == commands::TEXT => input.value.clone(),
                _ => None,
            })
            .unwrap_or_default();
        let announced = self.is_community_guild(form.guild_id);
        let text = format!("{command} {text}");
        self.answer(ctx, Pending::Form(&form), &form.user, &form.locale, text, announced).await;
    }

    /// Acknowledges an interaction at once (Discord waits 3 s, privately), has the core handle
    /// its command, then writes the answer (in parts if long). A request or an offer typed in
    /// a channel is announced there by a message of the bot's own, through the outbox: one it
    /// may edit when the post closes (an interaction's response is editable only through its
    /// webhook, for 15 minutes).
    async fn answer(
        &self,
        ctx: &Context,
        pending: Pending<'_>,
        user: &User,
        locale: &str,
        text: String,
        announced: bool,
    ) {
        if let Err(error) = pending.defer(&ctx.http, true).await {
            tracing::warn!(%error, "could not acknowledge an interaction");
            return;
        }
        let chat = match announced {
            true => translate::group(self.service().settings().is_request_channel(&pending.channel().to_string())),
            false => ChatContext::Private,
        };
        // A member picked in Discord's menu (`<@id>`) is the member behind that account.
        let mentioned = translate::mentions(&text);
        let text = self.service().with_mentions(text, mentioned).await;
        let incoming = Incoming {
            account: translate::account(user),
            display_name: translate::display_name(user),
            lang: translate::lang(locale),
            chat,
            text,
            message: None,
        };
        let account = incoming.account.clone();
        let lang = incoming.lang.unwrap_or(self.service().settings().default_lang);
        // Someone whose DMs are closed learns it here, privately, once (asked before the
        // command, which makes the bot try their waiting messages again).
        let hint = match announced {
            true => None,
            false => self.service().start_hint(&incoming.account, "").await.unwrap_or_else(|error| {
                tracing::warn!(%error, "could not check whether an account is reachable");
                None
            }),
        };
        let event = EventRef { platform: Platform::Discord, id: pending.id(), cursor: None };
        let Some(reply) = self.service().handle_event(event.clone(), incoming, Answering::Directly).await else {
            return;
        };
        let text = match (announced && reply.post.is_some(), hint) {
            (true, _) => {
                let channel = pending.channel();
                self.enqueue_answer(ctx, &event, &account, Some(channel), channel, reply).await;
                catalog::text(lang, "discord-announced", &[])
            }
            (false, Some(hint)) => format!("{}\n{hint}", reply.text),
            (false, None) => reply.text,
        };
        let mut parts = messenger::split(&text).into_iter();
        if let Err(error) = pending.edit(&ctx.http, parts.next().unwrap_or_default()).await {
            tracing::warn!(%error, "could not answer an interaction");
            return;
        }
        for part in parts {
            if let Err(error) = pending.follow_up(&ctx.http, part, true).await {
                tracing::warn!(%error, "could not answer an interaction in full");
            }
        }
    }

    /// A button under one of the bot's messages: its command, as if typed privately.
    async fn button(&self, ctx: &Context, button: serenity::all::ComponentInteraction) {
        let command = button.data.custom_id.clone();
        if !command.starts_with('/') {
            return;
        }
        let incoming = Incoming {
            account: translate::account(&button.user),
            display_name: translate::display_name(&button.user),
            lang: translate::lang(&button.locale),
            chat: ChatContext::Private,
            text: command,
            message: None,
        };
        let account = incoming.account.clone();
        let event = EventRef { platform: Platform::Discord, id: button.id.to_string(), cursor: None };
        let Some(reply) = self.service().handle_event(event.clone(), incoming, Answering::Directly).await else {
            return;
        };
        // The buttons go (each answers once); the answer is written under the question when
        // both fit in one message, else after it, through the outbox.
        let both = format!("{}\n\n{}", button.message.content, reply.text);
        let fits = messenger::split(&both).len() == 1;
        let content = if fits { both } else { button.message.content.clone() };
        let update = CreateInteractionResponseMessage::new().content(content).components(Vec::new());
        if let Err(error) = button.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update)).await {
            tracing::warn!(%error, "could not answer a button");
        }
        if !fits {
            self.enqueue_answer(ctx, &event, &account, None, button.channel_id, reply).await;
        }
    }
}

impl Handler {
    /// A photo sent in a DM, downloaded and handed to the core, which relays it.
    async fn photo(&self, ctx: &Context, message: &Message, file: &serenity::all::Attachment) {
        let bytes = match file.download().await {
            Ok(bytes) => bytes,
            Err(_) => {
                // (Its error names the file's address, which leads to the photo.)
                tracing::warn!("could not download a photo");
                return;
            }
        };
        let incoming = Incoming {
            account: translate::account(&message.author),
            display_name: translate::display_name(&message.author),
            lang: None,
            chat: ChatContext::Private,
            text: message.content.clone(),
            message: None,
        };
        // Named by its type only: a file's name may say more than its sender meant.
        let kind = file.content_type.as_deref().and_then(|kind| kind.strip_prefix("image/")).unwrap_or("jpeg");
        let extension = if matches!(kind, "png" | "gif" | "webp") { kind } else { "jpg" };
        let photo = Photo { name: format!("photo.{extension}"), bytes, caption: message.content.clone() };
        let replied = message.message_reference.as_ref().and_then(|reference| reference.message_id);
        let replied = replied.map(|id| id.to_string());
        let account = incoming.account.clone();
        let event = EventRef { platform: Platform::Discord, id: message.id.to_string(), cursor: None };
        let Some(reply) = self.service().photo_event(event.clone(), incoming, replied.as_deref(), photo).await else {
            return;
        };
        self.enqueue_answer(ctx, &event, &account, None, message.channel_id, reply).await;
    }

    /// Answers a message where it was written (a DM, or `channel` in a guild) through the
    /// outbox: within Discord's limits, with a nonce, retried after a 429 or a restart, after
    /// what was already held for that person. Only when the database cannot take it is the
    /// answer (then saying so) sent at once, to `written_in`.
    async fn enqueue_answer(
        &self,
        ctx: &Context,
        event: &EventRef,
        account: &entraide_core::model::AccountRef,
        channel: Option<ChannelId>,
        written_in: ChannelId,
        reply: Reply,
    ) {
        let text = reply.text.clone();
        let group = channel.map(|channel| channel.to_string());
        let Err(error) = self.service().enqueue_answer(event, account, group.as_deref(), reply).await else { return };
        tracing::warn!(%error, "could not enqueue an answer; sending it at once");
        self.service().answered_directly(event).await;
        for part in messenger::split(&text) {
            if let Err(error) = written_in.send_message(&ctx.http, CreateMessage::new().content(part)).await {
                tracing::warn!(%error, "could not answer a message");
            }
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        let connected = event.new == ConnectionStage::Connected;
        if !connected {
            self.shared.not_caught_up(event.shard_id.0);
        }
        self.shared.shard_is(event.shard_id.0, connected);
    }

    async fn ready(&self, ctx: Context, ready: Ready) {
        let _busy = self.shared.busy();
        let shard = ready.shard.map_or(0, |info| info.id.0);
        // A new session: what was sent before it is read back below.
        let session = self.shared.new_session(shard);
        self.shared.shard_is(shard, true);
        let _ = self.shared.bot_id.set(ready.user.id.get());
        // Each shard sees its own guilds (Discord: shard = (guild id >> 22) % shards).
        let on_this_shard = |guild: u64| {
            ready.shard.is_none_or(|info| (guild >> 22) % u64::from(info.total.max(1)) == u64::from(info.id.0))
        };
        let guilds: Vec<GuildId> = self
            .shared
            .settings
            .guilds
            .iter()
            .filter(|guild| on_this_shard(**guild))
            .map(|g| GuildId::new(*g))
            .collect();
        for guild in guilds.iter().copied() {
            if let Err(error) = guild.set_commands(&ctx.http, commands::all()).await {
                tracing::warn!(%guild, %error, "could not register the slash commands");
            }
            match guild.invites(&ctx.http).await {
                Ok(invites) => {
                    let uses = invites.into_iter().map(|invite| (invite.code, invite.uses)).collect();
                    self.shared.invites.lock().await.insert(guild.get(), Attribution::new(uses));
                }
                Err(error) => tracing::warn!(%guild, %error, "could not read the guild's invites: joins will be held"),
            }
        }
        self.catch_up(&ctx, shard, guilds, session).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _busy = self.shared.busy();
        match interaction {
            Interaction::Command(command) => self.command(&ctx, command).await,
            Interaction::Modal(form) => self.form(&ctx, form).await,
            Interaction::Autocomplete(typing) => self.complete(&ctx, typing).await,
            Interaction::Component(button) => self.button(&ctx, button).await,
            _ => {}
        }
    }

    async fn message(&self, ctx: Context, message: Message) {
        // serenity handles each event in a task of its own: a conversation's messages are
        // taken in the order they were written.
        self.on_message(ctx, message, order::SETTLE).await;
    }

    async fn invite_delete(&self, _ctx: Context, deleted: InviteDeleteEvent) {
        let Some(guild) = deleted.guild_id.filter(|guild| self.is_community_guild(Some(*guild))) else { return };
        let at = Timestamp::now().unix_timestamp();
        self.shared.invites.lock().await.entry(guild.get()).or_default().deleted(&deleted.code, at);
    }

    /// A ban, a kick or a timeout made (or lifted) with Discord's own tools (the member menu): a
    /// moderator acting, followed on the person's every account (the audit log names who did
    /// it; the bot's own come back too, and are left alone).
    async fn guild_audit_log_entry_create(&self, _ctx: Context, entry: AuditLogEntry, guild: GuildId) {
        let _busy = self.shared.busy();
        self.audit(&entry, guild).await;
    }

    async fn guild_member_addition(&self, ctx: Context, member: Member) {
        let _busy = self.shared.busy();
        if member.user.bot || !self.is_community_guild(Some(member.guild_id)) {
            return;
        }
        // Read under the lock, so that two joins are compared one after the other. When the
        // invites cannot be read, nothing explains the join: it is held.
        let mut invites = self.shared.invites.lock().await;
        let now = match member.guild_id.invites(&ctx.http).await {
            Ok(now) => Some(now.into_iter().map(|invite| (invite.code, invite.uses)).collect()),
            Err(error) => {
                tracing::warn!(%error, "could not read the guild's invites: only INVITE_DELETE explains the join");
                None
            }
        };
        let at = Timestamp::now().unix_timestamp();
        let evidence = invites.entry(member.guild_id.get()).or_default().join(now, at);
        drop(invites);
        self.joined(member, evidence).await;
    }
}

impl Handler {
    /// An audit log entry: a ban, a kick or a timeout made by hand is followed.
    async fn audit(&self, entry: &AuditLogEntry, guild: GuildId) {
        if !self.is_community_guild(Some(guild)) {
            return;
        }
        let Some((action, actor, target)) = translate::by_hand(entry, self.shared.bot_id.get().copied()) else {
            return;
        };
        let event = EventRef { platform: Platform::Discord, id: format!("audit:{}", entry.id), cursor: None };
        if let Err(error) = self.service().sanctioned_by_hand(event, actor, target, action).await {
            tracing::error!(%error, "could not follow a ban made on Discord");
        }
    }

    /// Someone joined a community guild, with what explains it.
    async fn joined(&self, member: Member, evidence: entraide_core::model::JoinEvidence) {
        if member.user.bot || !self.is_community_guild(Some(member.guild_id)) {
            return;
        }
        let join = JoinEvent {
            account: translate::account(&member.user),
            display_name: translate::display_name(&member.user),
            lang: None,
            evidence,
            request: false,
        };
        let joined_at = member.joined_at.map_or(0, |at| at.unix_timestamp());
        let id = format!("join:{}:{}:{joined_at}", member.guild_id, member.user.id);
        let event = EventRef { platform: Platform::Discord, id, cursor: None };
        // The core decides who gets the member role (an `Admit` through the outbox).
        if let Err(error) = self.service().join_event(event, join).await {
            tracing::error!(%error, "could not record a Discord join");
        }
    }
}

impl Handler {
    /// A message: its turn in its channel (after those that arrived within `settle` of it),
    /// then the core.
    async fn on_message(&self, ctx: Context, message: Message, settle: std::time::Duration) {
        let _busy = self.shared.busy();
        if message.author.bot {
            return;
        }
        // A DM channel is remembered as soon as someone writes in it: it is where a later
        // session reads back missed DMs.
        if message.guild_id.is_none()
            && self.shared.recent_dms.wrote(message.channel_id.get(), Timestamp::now().unix_timestamp())
        {
            self.save_dms().await;
        }
        let _turn = self.shared.in_order.turn(message.channel_id.get(), message.id.get(), settle).await;
        let chat = match message.guild_id {
            Some(_) if self.is_community_guild(message.guild_id) => {
                translate::group(self.service().settings().is_request_channel(&message.channel_id.to_string()))
            }
            Some(_) => return,
            None => ChatContext::Private,
        };
        // A photo sent privately goes to the member's conversation (within what is relayed).
        let photo = message.attachments.iter().find(|file| {
            let image = file.content_type.as_deref().is_some_and(|kind| kind.starts_with("image/"));
            image && usize::try_from(file.size).is_ok_and(|size| size <= entraide_core::service::MAX_PHOTO_BYTES)
        });
        if let (Some(file), ChatContext::Private) = (photo, chat) {
            self.photo(&ctx, &message, file).await;
            return;
        }
        // In a DM, a reply to a relayed message is for the other side of that conversation.
        let text = match (&message.message_reference, chat) {
            (Some(reference), ChatContext::Private) => match reference.message_id {
                Some(replied) => {
                    let account = translate::account(&message.author);
                    let quoted = message.referenced_message.as_ref().map(|replied| replied.content.as_str());
                    self.service().reply_text(&account, &replied.to_string(), quoted, &message.content).await
                }
                None => message.content.clone(),
            },
            // In a channel, a report by reply reports the message's author.
            (Some(_), ChatContext::Group { .. }) => match message.referenced_message.as_deref() {
                Some(replied) if !replied.author.bot => {
                    let (account, author) = (translate::account(&message.author), translate::account(&replied.author));
                    let quoted = Some(replied.content.as_str()).filter(|quoted| !quoted.is_empty());
                    self.service().group_reply_text(&account, &author, quoted, &message.content).await
                }
                _ => message.content.clone(),
            },
            _ => message.content.clone(),
        };
        let mentioned = translate::mentions(&text);
        let text = self.service().with_mentions(text, mentioned).await;
        let incoming = Incoming {
            account: translate::account(&message.author),
            display_name: translate::display_name(&message.author),
            lang: None,
            chat,
            text,
            message: Some(MessageRef { chat: message.channel_id.to_string(), id: message.id.to_string() }),
        };
        let account = incoming.account.clone();
        let event = EventRef { platform: Platform::Discord, id: message.id.to_string(), cursor: None };
        let channel = message.guild_id.map(|_| message.channel_id);
        let answering = match channel {
            Some(channel) => Answering::InGroup(channel.to_string()),
            None => Answering::Privately,
        };
        let Some(reply) = self.service().handle_event(event.clone(), incoming, answering).await else { return };
        self.enqueue_answer(&ctx, &event, &account, channel, message.channel_id, reply).await;
    }
}

/// An interaction waiting for its answer: a slash command, or the form one opened.
#[derive(Clone, Copy)]
enum Pending<'a> {
    Command(&'a CommandInteraction),
    Form(&'a ModalInteraction),
}

impl Pending<'_> {
    fn id(self) -> String {
        match self {
            Pending::Command(command) => command.id.to_string(),
            Pending::Form(form) => form.id.to_string(),
        }
    }

    fn channel(self) -> ChannelId {
        match self {
            Pending::Command(command) => command.channel_id,
            Pending::Form(form) => form.channel_id,
        }
    }

    /// "Thinking…", seen by all or by the member alone.
    async fn defer(self, http: &Http, private: bool) -> serenity::Result<()> {
        let response = CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(private));
        match self {
            Pending::Command(command) => command.create_response(http, response).await,
            Pending::Form(form) => form.create_response(http, response).await,
        }
    }

    async fn edit(self, http: &Http, text: String) -> serenity::Result<Message> {
        let edit = EditInteractionResponse::new().content(text);
        match self {
            Pending::Command(command) => command.edit_response(http, edit).await,
            Pending::Form(form) => form.edit_response(http, edit).await,
        }
    }

    async fn follow_up(self, http: &Http, text: String, private: bool) -> serenity::Result<Message> {
        let more = CreateInteractionResponseFollowup::new().content(text).ephemeral(private);
        match self {
            Pending::Command(command) => command.create_followup(http, more).await,
            Pending::Form(form) => form.create_followup(http, more).await,
        }
    }
}

/// The channel invites are made for.
pub(crate) fn invite_channel(settings: &DiscordSettings) -> Option<ChannelId> {
    settings.invite_channel.map(ChannelId::new)
}
