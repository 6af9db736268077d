//! A fake Discord for the real serenity client: a REST server (axum) for the routes the
//! adapter uses, recording every call with its body and failing the test on any other, and a
//! gateway (tokio-tungstenite) that says Hello, reads Identify, sends READY, answers
//! heartbeats and then sends the dispatch events a test pushes, shaped as Discord documents
//! them. Invites keep their uses; a single-use invite disappears when used, as on Discord.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message as Frame;

pub const APPLICATION: u64 = 333;
pub const BOT: u64 = 111;

#[derive(Default)]
struct Inner {
    calls: Vec<(String, String, Value)>,
    unknown: Vec<String>,
    /// code → (uses, max uses, made by the bot)
    invites: HashMap<String, (u64, u64, bool)>,
    /// How many invites the guild holds at most (Discord: 1,000).
    invite_cap: Option<usize>,
    /// nonce → message, for `enforce_nonce`.
    nonces: HashMap<String, Value>,
    /// interaction token → its response message.
    responses: HashMap<String, Value>,
    next_id: u64,
    /// DM channels of people whose direct messages are closed.
    closed_dms: Vec<String>,
    /// Messages created, as returned (with their ids).
    sent: Vec<Value>,
    /// Files people attached, by name (served under `/attachments/`).
    files: HashMap<String, Vec<u8>>,
    /// Guilds where the bot lacks the rights to sanction (403, code 50013).
    powerless_in: Vec<String>,
    /// The opcodes the bot sent on the gateway, in order (2 Identify, 6 Resume…).
    gateway_ops: Vec<u64>,
    /// The guilds' roles besides @everyone and the bot's own: (id, name, position).
    roles: Vec<(u64, String, u64)>,
    /// Channel → permissions an overwrite denies the bot's role there.
    denied_in: HashMap<String, u64>,
    /// The developer portal refuses the privileged intents (Server Members, Message Content).
    intents_refused: bool,
    /// Channels that are not there (404).
    absent_channels: Vec<String>,
    /// Where channels are (the first guild).
    first_guild: u64,
    /// Who is in each guild besides the bot (guild member objects), as `GET
    /// /guilds/{id}/members` lists them.
    members: Vec<Value>,
    /// Routes (a part of the path) answered 429 the next few times: (part, retry_after, times).
    too_fast: Vec<(String, f64, usize)>,
    /// The client locale slash commands come with (`fr` unless a test says otherwise).
    locale: Option<String>,
    /// The shards events are spread over (as the bot identifies: 1 unless it says more).
    shards: u64,
    /// The shards with a session open now, by shard: how many connections serve each.
    open_shards: HashMap<u64, usize>,
    /// Shards identified, in order (a new session each: Identify, not Resume).
    identified: Vec<u64>,
    /// Shards that had two sessions open at once.
    served_twice: Vec<u64>,
    /// What people wrote (MESSAGE_CREATE), as `GET /channels/{id}/messages` reads it back.
    written: Vec<Value>,
    /// The audit log's entries, by guild, as `GET /guilds/{id}/audit-logs` reads them back.
    audit_log: Vec<Value>,
    /// Events sent while no session served their shard: Discord keeps them for a session
    /// that resumes, never for a new one.
    missed: usize,
}

/// The bot's own role in every guild, and where it stands.
const BOT_ROLE: u64 = 999;
const BOT_ROLE_POSITION: u64 = 5;

/// A guild's roles: @everyone (viewing channels), the bot's (send messages, create invites,
/// ban, time out, manage roles, the server and messages, view the audit log; only sending
/// where the bot is powerless), and those added.
fn roles_of(inner: &Inner, guild: &str) -> Vec<Value> {
    let all = 2048 + 1 + 4 + (1 << 40) + (1 << 28) + 32 + 8192 + 128;
    let mine = if inner.powerless_in.iter().any(|g| g == guild) { 2048 } else { all };
    let everyone = role(guild.parse().unwrap_or(0), "@everyone", 0, 1024);
    let mut roles = vec![everyone, role(BOT_ROLE, "Entraide", BOT_ROLE_POSITION, mine)];
    roles.extend(inner.roles.iter().map(|(id, name, position)| role(*id, name, *position, 0)));
    roles
}

/// A role as Discord describes it; permissions is a bit set, as a string.
fn role(id: u64, name: &str, position: u64, permissions: u64) -> Value {
    json!({"id": id.to_string(), "name": name, "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null}, "hoist": false, "icon": null, "unicode_emoji": null,
        "position": position, "permissions": permissions.to_string(), "managed": false, "mentionable": false,
        "flags": 0})
}

/// A running fake.
#[derive(Clone)]
pub struct FakeDiscord {
    /// The REST base URL, for serenity's proxy option.
    pub url: String,
    pub guild: u64,
    inner: Arc<Mutex<Inner>>,
    /// Each shard's events, waiting for its session.
    gateway: Vec<tokio::sync::mpsc::UnboundedSender<(String, Value)>>,
}

/// A shard's events, waiting for a connection to serve that shard (held while it does).
type ShardQueue = Arc<tokio::sync::Mutex<tokio::sync::mpsc::UnboundedReceiver<(String, Value)>>>;

/// Shards the fake's gateway can serve at once.
const MAX_SHARDS: usize = 8;

/// The shard Discord sends a guild's events on; a DM's go to shard 0.
fn shard_of(data: &Value, shards: u64) -> usize {
    let guild = data["guild_id"].as_str().and_then(|id| id.parse::<u64>().ok());
    guild.map_or(0, |guild| ((guild >> 22) % shards.max(1)) as usize)
}

/// What the gateway sends: the name `RECONNECT` asks the bot to reconnect (opcode 7) and
/// closes the connection; events sent meanwhile wait for the next session.
const RECONNECT: &str = "RECONNECT";

/// A time as Discord writes it (RFC 3339), from Unix seconds.
fn discord_time(unix_seconds: i64) -> String {
    serenity::model::Timestamp::from_unix_timestamp(unix_seconds).unwrap().to_string()
}

/// Now, in Unix seconds.
fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// An id made now, as Discord makes them (a snowflake: milliseconds since 2015 above 22
/// bits of sequence), each one greater than the last.
pub fn snowflake_now() -> u64 {
    static LAST: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let made = (millis - 1_420_070_400_000) << 22;
    LAST.fetch_max(made, std::sync::atomic::Ordering::SeqCst);
    LAST.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
}

/// A person.
pub fn user(id: u64, name: &str) -> Value {
    json!({"id": id.to_string(), "username": name.to_lowercase(), "discriminator": "0", "global_name": name,
        "avatar": null, "bot": false})
}

fn message(id: u64, channel: &str, content: &str, components: Value) -> Value {
    json!({"id": id.to_string(), "channel_id": channel, "author": {"id": BOT.to_string(), "username": "entraide",
        "discriminator": "0", "global_name": null, "avatar": null, "bot": true},
        "content": content, "timestamp": discord_time(unix_now()), "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
        "pinned": false, "type": 0, "flags": 0, "components": components})
}

/// A guild member (GUILD_MEMBER_ADD's payload). Each join has its own `joined_at`, as on
/// Discord: someone who leaves and comes back joins again.
fn member(guild: u64, id: u64, name: &str) -> Value {
    static JOINS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = JOINS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let joined_at = format!("2026-11-24T{:02}:{:02}:{:02}.000000+00:00", 9 + (n / 3_600) % 12, (n / 60) % 60, n % 60);
    json!({"guild_id": guild.to_string(), "user": user(id, name), "roles": [], "joined_at": joined_at,
        "deaf": false, "mute": false, "flags": 0})
}

impl FakeDiscord {
    pub async fn start(guild: u64) -> Self {
        Self::with_guilds(&[guild]).await
    }

    /// A fake where the bot is in several guilds; the first is where people join.
    pub async fn with_guilds(guilds: &[u64]) -> Self {
        let guild = guilds[0];
        let (gateway, events): (Vec<_>, Vec<_>) =
            (0..MAX_SHARDS).map(|_| tokio::sync::mpsc::unbounded_channel()).unzip();
        let events = events.into_iter().map(|events| Arc::new(tokio::sync::Mutex::new(events))).collect();
        let gateway_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gateway_url = format!("ws://{}", gateway_listener.local_addr().unwrap());
        let inner: Arc<Mutex<Inner>> =
            Arc::new(Mutex::new(Inner { next_id: 5000, first_guild: guild, shards: 1, ..Inner::default() }));
        tokio::spawn(serve_gateway(gateway_listener, events, guilds.to_vec(), gateway_url.clone(), Arc::clone(&inner)));
        let state = (Arc::clone(&inner), gateway_url);
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move { rest(&state.0, &state.1, method, uri, headers, body) }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, guild, inner, gateway }
    }

    /// The calls to a route (method and a part of the path), with their bodies.
    pub fn calls(&self, method: &str, path_part: &str) -> Vec<(String, Value)> {
        let inner = self.inner.lock().unwrap();
        inner
            .calls
            .iter()
            .filter(|(m, path, _)| m == method && path.contains(path_part))
            .map(|(_, path, body)| (path.clone(), body.clone()))
            .collect()
    }

    /// The codes of the invites the guild holds, sorted.
    pub fn open_invites(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.inner.lock().unwrap().invites.keys().cloned().collect();
        codes.sort();
        codes
    }

    /// The guild holds at most `cap` invites (Discord refuses more with code 30016).
    pub fn cap_invites(&self, cap: usize) {
        self.inner.lock().unwrap().invite_cap = Some(cap);
    }

    /// An invite already in the guild: made by the bot (and forgotten), or by someone else.
    pub fn plant_invite(&self, code: &str, by_the_bot: bool) {
        self.inner.lock().unwrap().invites.insert(code.to_owned(), (0, 1, by_the_bot));
    }

    /// The developer portal stops allowing the privileged intents.
    pub fn refuse_intents(&self) {
        self.inner.lock().unwrap().intents_refused = true;
    }

    /// Routes the fake does not implement that were called.
    pub fn unknown(&self) -> Vec<String> {
        self.inner.lock().unwrap().unknown.clone()
    }

    /// The messages sent to a channel (a DM channel is `dm_channel(user)`), in order.
    pub fn messages_to(&self, channel: u64) -> Vec<Value> {
        self.calls("POST", &format!("/channels/{channel}/messages")).into_iter().map(|(_, body)| body).collect()
    }

    /// The bot loses the bot's rights to sanction in a guild (or gets them back).
    pub fn powerless_in(&self, guild: u64, powerless: bool) {
        let mut inner = self.inner.lock().unwrap();
        inner.powerless_in.retain(|g| *g != guild.to_string());
        if powerless {
            inner.powerless_in.push(guild.to_string());
        }
    }

    /// A role in every guild (the member role the bot gives), at this position (the bot's
    /// own role is at 5).
    pub fn add_role(&self, id: u64, name: &str, position: u64) {
        self.inner.lock().unwrap().roles.push((id, name.to_owned(), position));
    }

    /// An overwrite in a channel denies the bot's role these permissions (a bit set).
    pub fn deny_in_channel(&self, channel: u64, permissions: u64) {
        self.inner.lock().unwrap().denied_in.insert(channel.to_string(), permissions);
    }

    /// A channel that does not exist (any other is a text channel of the first guild).
    pub fn remove_channel(&self, channel: u64) {
        self.inner.lock().unwrap().absent_channels.push(channel.to_string());
    }

    /// Discord asks the bot to reconnect and closes the connection.
    pub fn reconnect(&self) {
        self.dispatch(RECONNECT, Value::Null);
    }

    /// The shards with a session open now (each served by one connection, or the test
    /// fails: two processes holding one shard).
    pub fn open_shards(&self) -> Vec<u64> {
        let inner = self.inner.lock().unwrap();
        assert!(inner.served_twice.is_empty(), "shards served twice at once: {:?}", inner.served_twice);
        let mut open: Vec<u64> =
            inner.open_shards.iter().filter(|(_, open)| **open > 0).map(|(shard, _)| *shard).collect();
        open.sort_unstable();
        open
    }

    /// The shards identified so far, in order (a new session each).
    pub fn identified(&self) -> Vec<u64> {
        self.inner.lock().unwrap().identified.clone()
    }

    /// The opcodes the bot sent on the gateway, heartbeats left out.
    pub fn gateway_ops(&self) -> Vec<u64> {
        self.inner.lock().unwrap().gateway_ops.clone()
    }

    /// Sends a dispatch event on the gateway.
    pub fn dispatch(&self, name: &str, data: Value) {
        let shard = {
            let mut inner = self.inner.lock().unwrap();
            if name == "MESSAGE_CREATE" {
                inner.written.push(data.clone());
            }
            shard_of(&data, inner.shards)
        };
        self.gateway[shard].send((name.to_owned(), data)).unwrap();
    }

    /// How many events were sent while no session served their shard (lost to the gateway;
    /// only REST can read them back).
    pub fn missed(&self) -> usize {
        self.inner.lock().unwrap().missed
    }

    /// Someone joins the guild through an invite (or none): its uses grow, a single-use
    /// invite disappears (INVITE_DELETE); then GUILD_MEMBER_ADD.
    pub fn join(&self, id: u64, name: &str, invite: Option<&str>) {
        self.use_invite(invite);
        self.join_guild(self.guild, id, name);
    }

    /// Someone joins another guild of the community (through an invite of its own).
    pub fn join_guild(&self, guild: u64, id: u64, name: &str) {
        // Each join at a time of its own (a second apart at least): it names the join.
        static LAST: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
        LAST.fetch_max(unix_now() - 1, std::sync::atomic::Ordering::SeqCst);
        let at = LAST.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let mut joined = member(guild, id, name);
        joined["joined_at"] = json!(discord_time(at));
        self.inner.lock().unwrap().members.push(joined.clone());
        self.dispatch("GUILD_MEMBER_ADD", joined);
    }

    /// Someone bans (action 22) or unbans (23) a member with Discord's own tools: the audit
    /// log entry Discord sends with the GUILD_MODERATION intent.
    pub fn audit_entry(&self, entry: u64, action: u64, by: u64, target: u64) {
        self.audit_entry_with(entry, action, by, target, json!([]));
    }

    /// Someone times a member out until a date (action 24, a member update), or lifts it.
    pub fn timeout_entry(&self, entry: u64, by: u64, target: u64, until: Option<&str>) {
        let change = match until {
            Some(until) => json!({"key": "communication_disabled_until", "new_value": until}),
            None => json!({"key": "communication_disabled_until", "old_value": "2030-01-01T00:00:00+00:00"}),
        };
        self.audit_entry_with(entry, 24, by, target, json!([change]));
    }

    fn audit_entry_with(&self, entry: u64, action: u64, by: u64, target: u64, changes: Value) {
        let data = json!({"id": entry.to_string(), "guild_id": self.guild.to_string(), "action_type": action,
            "user_id": by.to_string(), "target_id": target.to_string(), "reason": null, "changes": changes});
        self.inner.lock().unwrap().audit_log.push(data.clone());
        self.dispatch("GUILD_AUDIT_LOG_ENTRY_CREATE", data);
    }

    /// The Discord client's language for the next slash commands (`en-US`…).
    pub fn set_locale(&self, locale: &str) {
        self.inner.lock().unwrap().locale = Some(locale.to_owned());
    }

    fn locale(&self) -> String {
        self.inner.lock().unwrap().locale.clone().unwrap_or_else(|| "fr".to_owned())
    }

    /// The next `times` calls to a path containing `part` are over a rate limit: 429, retry
    /// after `seconds`.
    pub fn too_fast(&self, part: &str, seconds: f64, times: usize) {
        self.inner.lock().unwrap().too_fast.push((part.to_owned(), seconds, times));
    }

    /// Someone (or another bot) who was in the guild before the bot came: listed, no event.
    pub fn seat(&self, guild: u64, id: u64, name: &str, bot: bool) {
        let mut seated = member(guild, id, name);
        seated["user"]["bot"] = json!(bot);
        self.inner.lock().unwrap().members.push(seated);
    }

    /// Two people join at once, through two invites: both invites are used before either
    /// join is announced.
    pub fn join_together(&self, first: (u64, &str, &str), second: (u64, &str, &str)) {
        self.use_invite(Some(first.2));
        self.use_invite(Some(second.2));
        self.dispatch("GUILD_MEMBER_ADD", member(self.guild, first.0, first.1));
        self.dispatch("GUILD_MEMBER_ADD", member(self.guild, second.0, second.1));
    }

    fn use_invite(&self, invite: Option<&str>) {
        let Some(code) = invite else { return };
        let used_up = {
            let mut inner = self.inner.lock().unwrap();
            let Some((uses, max, _)) = inner.invites.get_mut(code) else { return };
            *uses += 1;
            let used_up = *max > 0 && *uses >= *max;
            if used_up {
                inner.invites.remove(code);
            }
            used_up
        };
        if used_up {
            self.dispatch(
                "INVITE_DELETE",
                json!({"channel_id": "444", "guild_id": self.guild.to_string(), "code": code}),
            );
        }
    }

    /// Someone uses a slash command (`text` fills its text option) in a guild channel, or
    /// in their DM with the bot when `channel` is None.
    pub fn command(
        &self,
        interaction: u64,
        id: u64,
        name: &str,
        command: &str,
        text: Option<&str>,
        channel: Option<u64>,
    ) {
        let options = match text {
            Some(text) => json!([{"name": "texte", "type": 3, "value": text}]),
            None => json!([]),
        };
        self.command_with(interaction, id, name, command, options, channel);
    }

    /// A slash command with its options as Discord sends them.
    pub fn command_with(
        &self,
        interaction: u64,
        id: u64,
        name: &str,
        command: &str,
        options: Value,
        channel: Option<u64>,
    ) {
        let mut data = json!({"id": interaction.to_string(), "application_id": APPLICATION.to_string(), "type": 2,
            "token": format!("token{interaction}"), "version": 1, "locale": self.locale(), "entitlements": [],
            "authorizing_integration_owners": {}, "app_permissions": "0", "attachment_size_limit": 8_388_608,
            "data": {"id": "666", "name": command, "type": 1, "options": options}});
        match channel {
            Some(channel) => {
                data["guild_id"] = json!(self.guild.to_string());
                data["channel_id"] = json!(channel.to_string());
                data["channel"] = json!({"id": channel.to_string(), "type": 0});
                data["member"] = member(self.guild, id, name);
            }
            None => {
                let dm = dm_channel(id).to_string();
                data["channel_id"] = json!(dm);
                data["channel"] = json!({"id": dm, "type": 1});
                data["user"] = user(id, name);
            }
        }
        self.dispatch("INTERACTION_CREATE", data);
    }

    /// Someone typing a command's number option: Discord asks the bot for choices.
    pub fn autocomplete(&self, interaction: u64, id: u64, name: &str, command: &str) {
        self.typing(interaction, id, name, command, json!({"name": "numero", "type": 4, "value": ""}));
    }

    /// Someone typing a command's text option (a place): Discord asks the bot for choices.
    pub fn autocomplete_text(&self, interaction: u64, id: u64, name: &str, command: &str, typed: &str) {
        self.typing(interaction, id, name, command, json!({"name": "texte", "type": 3, "value": typed}));
    }

    /// Someone typing `option` of a command in their DM with the bot.
    fn typing(&self, interaction: u64, id: u64, name: &str, command: &str, mut option: Value) {
        let dm = dm_channel(id).to_string();
        option["focused"] = json!(true);
        let data = json!({"id": interaction.to_string(), "application_id": APPLICATION.to_string(), "type": 4,
            "token": format!("token{interaction}"), "version": 1, "locale": "fr", "entitlements": [],
            "authorizing_integration_owners": {}, "app_permissions": "0", "attachment_size_limit": 8_388_608,
            "channel_id": dm, "channel": {"id": dm, "type": 1}, "user": user(id, name),
            "data": {"id": "666", "name": command, "type": 1, "options": [option]}});
        self.dispatch("INTERACTION_CREATE", data);
    }

    /// Someone writes to the bot in their DM with it.
    pub fn dm(&self, message_id: u64, id: u64, name: &str, text: &str) {
        self.dispatch("MESSAGE_CREATE", self.written(message_id, id, name, text, None));
    }

    /// Someone answers one of the bot's DMs with Discord's reply.
    pub fn dm_reply(&self, message_id: u64, id: u64, name: &str, replied: &str, text: &str) {
        self.dispatch("MESSAGE_CREATE", self.written(message_id, id, name, text, Some(replied)));
    }

    /// Someone writes in a guild channel, replying to `replied` (a message dispatched
    /// earlier, which Discord sends along) if given; the message as dispatched.
    pub fn in_channel(
        &self,
        message_id: u64,
        channel: u64,
        id: u64,
        name: &str,
        text: &str,
        replied: Option<&Value>,
    ) -> Value {
        let mut sent = message(message_id, &channel.to_string(), text, json!([]));
        sent["author"] = user(id, name);
        sent["guild_id"] = json!(self.guild.to_string());
        if let Some(replied) = replied {
            sent["type"] = json!(19);
            sent["message_reference"] = json!({"message_id": replied["id"], "channel_id": channel.to_string(),
                "guild_id": self.guild.to_string()});
            sent["referenced_message"] = replied.clone();
        }
        self.dispatch("MESSAGE_CREATE", sent.clone());
        sent
    }

    /// Someone sends the bot a photo in their DM, in reply to one of its messages.
    pub fn dm_photo(&self, message_id: u64, id: u64, name: &str, bytes: &[u8], caption: &str, replied: &str) {
        let file = format!("photo{message_id}.png");
        self.inner.lock().unwrap().files.insert(file.clone(), bytes.to_vec());
        let mut sent = self.written(message_id, id, name, caption, Some(replied));
        sent["attachments"] = json!([{"id": message_id.to_string(), "filename": file, "size": bytes.len(),
            "url": format!("{}/attachments/{file}", self.url), "proxy_url": format!("{}/attachments/{file}", self.url),
            "content_type": "image/png", "width": 90, "height": 90}]);
        self.dispatch("MESSAGE_CREATE", sent);
    }

    /// A message someone writes in their DM with the bot, replying to one of its messages
    /// if `replied` (Discord sends that message along).
    fn written(&self, message_id: u64, id: u64, name: &str, text: &str, replied: Option<&str>) -> Value {
        let channel = dm_channel(id).to_string();
        let mut sent = message(message_id, &channel, text, json!([]));
        sent["author"] = user(id, name);
        if let Some(replied) = replied {
            sent["type"] = json!(19);
            sent["message_reference"] = json!({"message_id": replied, "channel_id": channel});
            let original = self.inner.lock().unwrap().sent.iter().find(|m| m["id"] == replied).cloned();
            sent["referenced_message"] = original.unwrap_or(Value::Null);
        }
        sent
    }

    /// The id of the last message the bot sent to a channel that contains `part`.
    pub fn id_of_sent(&self, channel: u64, part: &str) -> Option<String> {
        let (inner, channel) = (self.inner.lock().unwrap(), channel.to_string());
        inner
            .sent
            .iter()
            .rev()
            .find(|m| m["channel_id"] == channel.as_str() && m["content"].as_str().unwrap_or("").contains(part))
            .and_then(|m| m["id"].as_str().map(str::to_owned))
    }

    /// Someone fills in and sends a form the bot opened, in a guild channel.
    pub fn submit_form(&self, interaction: u64, id: u64, name: &str, custom_id: &str, text: &str, channel: u64) {
        let data = json!({"id": interaction.to_string(), "application_id": APPLICATION.to_string(), "type": 5,
            "token": format!("token{interaction}"), "version": 1, "locale": "fr", "entitlements": [],
            "authorizing_integration_owners": {}, "app_permissions": "0", "attachment_size_limit": 8_388_608,
            "guild_id": self.guild.to_string(), "channel_id": channel.to_string(),
            "channel": {"id": channel.to_string(), "type": 0}, "member": member(self.guild, id, name),
            "data": {"custom_id": custom_id, "components": [{"type": 1, "components": [
                {"type": 4, "custom_id": "texte", "value": text, "style": 2, "label": "Ton message"}]}]}});
        self.dispatch("INTERACTION_CREATE", data);
    }

    /// Someone presses a button under a message the bot sent them.
    pub fn press(&self, interaction: u64, id: u64, name: &str, custom_id: &str) {
        let dm = dm_channel(id).to_string();
        let data = json!({"id": interaction.to_string(), "application_id": APPLICATION.to_string(), "type": 3,
            "token": format!("token{interaction}"), "version": 1, "locale": "fr", "entitlements": [],
            "authorizing_integration_owners": {}, "app_permissions": "0", "attachment_size_limit": 8_388_608, "channel_id": dm,
            "channel": {"id": dm, "type": 1}, "user": user(id, name),
            "message": message(1, &dm, "question", json!([])),
            "data": {"custom_id": custom_id, "component_type": 2}});
        self.dispatch("INTERACTION_CREATE", data);
    }

    /// The follow-up messages written under an interaction (after its first answer, or
    /// instead of a public one withdrawn).
    pub fn follow_ups(&self, interaction: u64) -> Vec<Value> {
        let path = format!("/token{interaction}");
        self.calls("POST", "/webhooks/")
            .into_iter()
            .filter(|(route, _)| route.ends_with(&path))
            .map(|(_, body)| body)
            .collect()
    }

    /// Someone closes their direct messages: Discord refuses to deliver to them (50007).
    pub fn close_dms(&self, user: u64) {
        self.inner.lock().unwrap().closed_dms.push(dm_channel(user).to_string());
    }

    /// Someone opens their direct messages again.
    pub fn open_dms(&self, user: u64) {
        self.inner.lock().unwrap().closed_dms.retain(|channel| *channel != dm_channel(user).to_string());
    }

    /// The response given to an interaction, with the content of a deferred answer once
    /// it is written (`None` until then).
    pub fn response(&self, interaction: u64) -> Option<Value> {
        let path = format!("/interactions/{interaction}/");
        let mut response = self.calls("POST", &path).into_iter().map(|(_, body)| body).next()?;
        if response["type"] == 5 {
            let edited = format!("/token{interaction}/messages/@original");
            let (_, edit) = self.calls("PATCH", &edited).into_iter().next()?;
            response["data"]["content"] = edit["content"].clone();
        }
        Some(response)
    }
}

/// The DM channel the fake gives a person.
pub fn dm_channel(user: u64) -> u64 {
    900_000 + user
}

async fn serve_gateway(
    listener: tokio::net::TcpListener,
    events: Vec<ShardQueue>,
    guilds: Vec<u64>,
    url: String,
    inner: Arc<Mutex<Inner>>,
) {
    // One session per shard, resumed across connections; its events wait for it.
    let sequences: Arc<Vec<std::sync::atomic::AtomicU64>> =
        Arc::new((0..MAX_SHARDS).map(|_| std::sync::atomic::AtomicU64::new(0)).collect());
    loop {
        let Ok((stream, _)) = listener.accept().await else { return };
        let (events, guilds, url, inner, sequences) =
            (events.clone(), guilds.clone(), url.clone(), Arc::clone(&inner), Arc::clone(&sequences));
        tokio::spawn(async move {
            let Ok(socket) = tokio_tungstenite::accept_async(stream).await else { return };
            serve_connection(socket, &events, &guilds, &url, &inner, &sequences).await;
        });
    }
}

/// One gateway connection: Hello, then Identify (a new session for a shard) or Resume (the
/// shard's session goes on), then that shard's events.
async fn serve_connection(
    socket: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    events: &[ShardQueue],
    guilds: &[u64],
    url: &str,
    inner: &Mutex<Inner>,
    sequences: &[std::sync::atomic::AtomicU64],
) {
    let (mut write, mut read) = socket.split();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41_250}});
    if write.send(Frame::text(hello.to_string())).await.is_err() {
        return;
    }
    let next = |shard: usize| sequences[shard].fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    // The shard this connection serves, once it said; its queue, held while connected.
    let mut shard: Option<usize> = None;
    let mut queue: Option<tokio::sync::MutexGuard<'_, tokio::sync::mpsc::UnboundedReceiver<(String, Value)>>> = None;
    // A new session's queue, emptied of what came before it.
    let mut drained = None;
    loop {
        let event = async {
            match queue.as_mut() {
                Some(queue) => queue.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            frame = read.next() => {
                let Some(Ok(frame)) = frame else { break };
                let Ok(text) = frame.to_text() else { continue };
                let Ok(payload) = serde_json::from_str::<Value>(text) else { continue };
                let op = payload["op"].as_u64();
                if let Some(op) = op.filter(|op| *op != 1) {
                    inner.lock().unwrap().gateway_ops.push(op);
                }
                match op {
                    Some(1) => {
                        let _ = write.send(Frame::text(json!({"op": 11}).to_string())).await;
                    }
                    Some(2) => {
                        let index = payload["d"]["shard"][0].as_u64().unwrap_or(0);
                        let total = payload["d"]["shard"][1].as_u64().unwrap_or(1).max(1);
                        // A new session starts from now: what was sent for the shard before
                        // is not delivered to it.
                        let mut waiting = events[index as usize].lock().await;
                        let mut missed = 0;
                        while waiting.try_recv().is_ok() {
                            missed += 1;
                        }
                        drained = Some(waiting);
                        // A new session counts its events from 1.
                        sequences[index as usize].store(0, std::sync::atomic::Ordering::SeqCst);
                        {
                            let mut inner = inner.lock().unwrap();
                            inner.missed += missed;
                            inner.shards = total;
                            inner.identified.push(index);
                        }
                        let here: Vec<Value> = guilds
                            .iter()
                            .filter(|guild| (*guild >> 22) % total == index)
                            .map(|guild| json!({"id": guild.to_string(), "unavailable": true}))
                            .collect();
                        let index = index as usize;
                        let ready = json!({"op": 0, "s": next(index), "t": "READY", "d": {"v": 10,
                            "user": {"id": BOT.to_string(), "username": "entraide", "discriminator": "0",
                                "global_name": null, "avatar": null, "bot": true},
                            "guilds": here, "session_id": format!("session-{index}"), "resume_gateway_url": url,
                            "shard": [index, total],
                            "application": {"id": APPLICATION.to_string(), "flags": 0}}});
                        let _ = write.send(Frame::text(ready.to_string())).await;
                        shard = Some(index);
                    }
                    // The same session goes on: what was missed follows.
                    Some(6) if payload["d"]["session_id"].as_str().is_some_and(|id| id.starts_with("session-")) => {
                        let index = payload["d"]["session_id"].as_str().unwrap_or("")["session-".len()..]
                            .parse()
                            .unwrap_or(0);
                        let resumed = json!({"op": 0, "s": next(index), "t": "RESUMED", "d": {}});
                        let _ = write.send(Frame::text(resumed.to_string())).await;
                        shard = Some(index);
                    }
                    Some(6) => {
                        let _ = write.send(Frame::text(json!({"op": 9, "d": false}).to_string())).await;
                    }
                    _ => {}
                }
                if let (Some(index), None) = (shard, queue.as_ref()) {
                    // Counted as soon as the session is open: two at once is a shard served
                    // twice (Discord would send its events to both).
                    {
                        let mut inner = inner.lock().unwrap();
                        let open = inner.open_shards.entry(index as u64).or_insert(0);
                        *open += 1;
                        if *open > 1 {
                            inner.served_twice.push(index as u64);
                        }
                    }
                    queue = Some(match drained.take() {
                        Some(drained) => drained,
                        None => events[index].lock().await,
                    });
                }
            }
            event = event => {
                let Some((name, data)) = event else { break };
                let index = shard.unwrap_or(0);
                if name == RECONNECT {
                    let _ = write.send(Frame::text(json!({"op": 7, "d": null}).to_string())).await;
                    let _ = write.close().await;
                    break;
                }
                let frame = json!({"op": 0, "s": next(index), "t": name, "d": data});
                if write.send(Frame::text(frame.to_string())).await.is_err() {
                    break;
                }
            }
        }
    }
    if let Some(index) = shard {
        drop(queue);
        let mut inner = inner.lock().unwrap();
        if let Some(open) = inner.open_shards.get_mut(&(index as u64)) {
            *open = open.saturating_sub(1);
        }
    }
}

/// The REST API: the routes the adapter uses, as Discord answers them.
fn rest(
    inner: &Mutex<Inner>,
    gateway_url: &str,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let path = uri.path().trim_start_matches("/api/v10").to_owned();
    let multipart = headers.get("content-type").is_some_and(|t| t.to_str().unwrap_or("").starts_with("multipart"));
    let body: Value = match multipart {
        true => json!({"multipart": String::from_utf8_lossy(&body)}),
        false => serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    let mut inner = inner.lock().unwrap();
    inner.calls.push((method.to_string(), path.clone(), body.clone()));
    // Over a rate limit, as Discord answers it: the delay in the body (seconds, with a
    // fraction) and in the Retry-After header.
    if let Some(limit) = inner.too_fast.iter_mut().find(|(part, _, times)| *times > 0 && path.contains(part.as_str())) {
        limit.2 -= 1;
        let after = limit.1;
        let body = json!({"message": "You are being rate limited.", "retry_after": after, "global": false});
        let headers = [("retry-after", format!("{}", after.ceil() as u64)), ("x-ratelimit-scope", "user".to_owned())];
        return (StatusCode::TOO_MANY_REQUESTS, headers, axum::Json(body)).into_response();
    }
    inner.next_id += 1;
    let id = inner.next_id;
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let ok = |value: Value| (StatusCode::OK, axum::Json(value)).into_response();
    let none = || StatusCode::NO_CONTENT.into_response();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["attachments", file]) => match inner.files.get(*file) {
            Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        ("GET", ["gateway"] | ["gateway", "bot"]) => ok(json!({"url": gateway_url, "shards": inner.shards.max(1),
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})),
        ("PUT", ["applications", _, "guilds", guild, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(n, mut command)| {
                    command["id"] = json!((7000 + n).to_string());
                    command["application_id"] = json!(APPLICATION.to_string());
                    command["guild_id"] = json!(guild);
                    command["version"] = json!("1");
                    command["type"] = json!(1);
                    command
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("GET", ["guilds" | "channels", _, "invites"]) => {
            let invites: Vec<Value> =
                inner.invites.iter().map(|(code, (uses, max, bot))| invite(code, *uses, *max, *bot)).collect();
            ok(Value::Array(invites))
        }
        ("POST", ["channels", _, "invites"]) if inner.invite_cap.is_some_and(|cap| inner.invites.len() >= cap) => {
            let refused = json!({"code": 30016, "message": "Maximum number of invites reached (1000)"});
            (StatusCode::BAD_REQUEST, axum::Json(refused)).into_response()
        }
        ("POST", ["channels", _, "invites"]) => {
            let code = format!("inv{id}");
            let max = body["max_uses"].as_u64().unwrap_or(0);
            inner.invites.insert(code.clone(), (0, max, true));
            ok(invite(&code, 0, max, true))
        }
        ("GET", ["guilds", guild, "members", who]) if *who == BOT.to_string() => {
            let mut bot = member(guild.parse().unwrap_or(0), BOT, "entraide");
            bot["roles"] = json!([BOT_ROLE.to_string()]);
            ok(bot)
        }
        // Listing needs the Server Members intent; `limit` 1–1,000 (default 1), ascending
        // user ids above `after`.
        ("GET", ["guilds", guild, "members"]) => {
            if inner.intents_refused {
                let refused = json!({"code": 50001, "message": "Missing Access"});
                return (StatusCode::FORBIDDEN, axum::Json(refused)).into_response();
            }
            let query: HashMap<&str, &str> =
                uri.query().unwrap_or("").split('&').filter_map(|pair| pair.split_once('=')).collect();
            let limit = query.get("limit").map_or(Some(1), |limit| limit.parse::<usize>().ok());
            let Some(limit) = limit.filter(|limit| (1..=1000).contains(limit)) else {
                let refused = json!({"code": 50035, "message": "Invalid Form Body"});
                return (StatusCode::BAD_REQUEST, axum::Json(refused)).into_response();
            };
            let after: u64 = query.get("after").and_then(|after| after.parse().ok()).unwrap_or(0);
            let id = |member: &Value| member["user"]["id"].as_str().and_then(|id| id.parse::<u64>().ok()).unwrap_or(0);
            let mut everyone = vec![member(guild.parse().unwrap_or(0), BOT, "entraide")];
            everyone[0]["user"]["bot"] = json!(true);
            everyone.extend(inner.members.iter().filter(|m| m["guild_id"] == json!(guild)).cloned());
            everyone.sort_by_key(id);
            ok(Value::Array(everyone.into_iter().filter(|m| id(m) > after).take(limit).collect()))
        }
        // The guild's channels: those people wrote in.
        ("GET", ["guilds", guild, "channels"]) => {
            let mut channels: Vec<&str> = inner
                .written
                .iter()
                .filter(|m| m["guild_id"] == json!(guild))
                .filter_map(|m| m["channel_id"].as_str())
                .collect();
            channels.sort_unstable();
            channels.dedup();
            let channels: Vec<Value> = channels
                .into_iter()
                .map(|channel| {
                    json!({"id": channel, "guild_id": guild, "type": 0, "name": "salon", "position": 0,
                    "permission_overwrites": [], "nsfw": false, "parent_id": null, "topic": null,
                    "last_message_id": null})
                })
                .collect();
            ok(Value::Array(channels))
        }
        // A channel's messages after one (`limit` 1–100, default 50): the first ones after
        // it, newest first, as Discord lists them. (Only `after` is faked.)
        ("GET", ["channels", channel, "messages"]) => {
            let query: HashMap<&str, &str> =
                uri.query().unwrap_or("").split('&').filter_map(|pair| pair.split_once('=')).collect();
            let limit = query.get("limit").map_or(Some(50), |limit| limit.parse::<usize>().ok());
            let (Some(limit), Some(after)) = (
                limit.filter(|limit| (1..=100).contains(limit)),
                query.get("after").and_then(|after| after.parse::<u64>().ok()),
            ) else {
                inner.unknown.push(format!("{method} {uri}"));
                let refused = json!({"code": 50035, "message": "Invalid Form Body"});
                return (StatusCode::BAD_REQUEST, axum::Json(refused)).into_response();
            };
            let id = |m: &Value| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()).unwrap_or(0);
            let mut found: Vec<Value> =
                inner.written.iter().filter(|m| m["channel_id"] == json!(channel) && id(m) > after).cloned().collect();
            found.sort_by_key(id);
            found.truncate(limit);
            found.reverse();
            for message in &mut found {
                // Discord's REST messages do not say their guild.
                if let Some(message) = message.as_object_mut() {
                    message.remove("guild_id");
                }
            }
            ok(Value::Array(found))
        }
        // The audit log, newest first, before an entry if asked (`limit` 1–100, default 50).
        ("GET", ["guilds", guild, "audit-logs"]) => {
            let query: HashMap<&str, &str> =
                uri.query().unwrap_or("").split('&').filter_map(|pair| pair.split_once('=')).collect();
            let limit = query.get("limit").map_or(Some(50), |limit| limit.parse::<usize>().ok());
            let Some(limit) = limit.filter(|limit| (1..=100).contains(limit)) else {
                let refused = json!({"code": 50035, "message": "Invalid Form Body"});
                return (StatusCode::BAD_REQUEST, axum::Json(refused)).into_response();
            };
            let before = query.get("before").and_then(|before| before.parse::<u64>().ok()).unwrap_or(u64::MAX);
            let id = |e: &Value| e["id"].as_str().and_then(|id| id.parse::<u64>().ok()).unwrap_or(0);
            let mut entries: Vec<Value> =
                inner.audit_log.iter().filter(|e| e["guild_id"] == json!(guild) && id(e) < before).cloned().collect();
            entries.sort_by_key(|e| std::cmp::Reverse(id(e)));
            entries.truncate(limit);
            for entry in &mut entries {
                if let Some(entry) = entry.as_object_mut() {
                    entry.remove("guild_id");
                }
            }
            ok(json!({"audit_log_entries": entries, "users": [], "integrations": [], "webhooks": [],
                "guild_scheduled_events": [], "threads": [], "application_commands": [],
                "auto_moderation_rules": []}))
        }
        ("GET", ["guilds", guild, "roles"]) => ok(Value::Array(roles_of(&inner, guild))),
        ("GET", ["guilds", guild]) => ok(json!({
            "id": guild, "name": "Entraide", "icon": null, "splash": null, "discovery_splash": null,
            "owner_id": "1", "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "roles": roles_of(&inner, guild), "emojis": [], "features": [],
            "mfa_level": 0, "application_id": null, "system_channel_id": null, "system_channel_flags": 0,
            "rules_channel_id": null, "vanity_url_code": null, "description": null, "banner": null,
            "premium_tier": 0, "preferred_locale": "fr", "public_updates_channel_id": null, "nsfw_level": 0,
            "stickers": [], "premium_progress_bar_enabled": false,
        })),
        ("GET", ["channels", channel]) if inner.absent_channels.iter().any(|c| c == channel) => {
            (StatusCode::NOT_FOUND, axum::Json(json!({"code": 10003, "message": "Unknown Channel"}))).into_response()
        }
        ("GET", ["channels", channel]) => {
            let deny = inner.denied_in.get(*channel).copied().unwrap_or(0);
            let overwrites = json!([{"id": BOT_ROLE.to_string(), "type": 0, "allow": "0", "deny": deny.to_string()}]);
            ok(json!({"id": channel, "guild_id": inner.first_guild.to_string(), "type": 0, "name": "salon",
                "position": 0, "permission_overwrites": overwrites, "nsfw": false, "parent_id": null,
                "topic": null, "last_message_id": null}))
        }
        // The application, with the privileged intents the developer portal allows (flags
        // GATEWAY_GUILD_MEMBERS 1 << 14 and GATEWAY_MESSAGE_CONTENT 1 << 18).
        ("GET", ["oauth2", "applications", "@me"]) => {
            let flags = if inner.intents_refused { 0 } else { (1 << 14) | (1 << 18) };
            ok(json!({"id": APPLICATION.to_string(), "name": "Entraide", "icon": null, "description": "",
                "bot_public": false, "bot_require_code_grant": false, "verify_key": "k", "owner": null,
                "team": null, "flags": flags}))
        }
        ("GET", ["users", "@me"]) => ok(json!({"id": BOT.to_string(), "username": "entraide", "discriminator": "0",
            "global_name": null, "avatar": null, "bot": true})),
        ("DELETE", ["invites", code]) => match inner.invites.remove(*code) {
            Some((uses, max, bot)) => ok(invite(code, uses, max, bot)),
            None => {
                (StatusCode::NOT_FOUND, axum::Json(json!({"code": 10006, "message": "Unknown Invite"}))).into_response()
            }
        },
        ("POST", ["users", "@me", "channels"]) => {
            let recipient: u64 = body["recipient_id"].as_str().and_then(|id| id.parse().ok()).unwrap_or(0);
            ok(json!({"id": dm_channel(recipient).to_string(), "type": 1, "last_message_id": null,
                "last_pin_timestamp": null, "recipients": [user(recipient, "someone")]}))
        }
        ("POST", ["channels", channel, "messages"]) if inner.closed_dms.iter().any(|c| c == channel) => {
            // Not a message sent: recorded apart from those.
            if let Some(call) = inner.calls.last_mut() {
                call.0 = "POST (refused)".into();
            }
            let refused = json!({"code": 50007, "message": "Cannot send messages to this user"});
            (StatusCode::FORBIDDEN, axum::Json(refused)).into_response()
        }
        ("POST", ["channels", channel, "messages"]) => {
            let nonce = body["nonce"].as_str().map(str::to_owned);
            if let Some(nonce) = &nonce
                && body["enforce_nonce"] == true
                && let Some(earlier) = inner.nonces.get(nonce)
            {
                // Discord returns the message already created with this nonce.
                let earlier = earlier.clone();
                inner.calls.pop();
                return ok(earlier);
            }
            let components = if body["components"].is_array() { body["components"].clone() } else { json!([]) };
            let sent = message(id, channel, body["content"].as_str().unwrap_or(""), components);
            if let Some(nonce) = nonce {
                inner.nonces.insert(nonce, sent.clone());
            }
            inner.sent.push(sent.clone());
            ok(sent)
        }
        // Deleting someone else's message needs Manage Messages (1 << 13) in the channel.
        ("DELETE", ["channels", channel, "messages", _])
            if inner.denied_in.get(*channel).is_some_and(|denied| denied & 8192 != 0) =>
        {
            if let Some(call) = inner.calls.last_mut() {
                call.0 = "DELETE (refused)".into();
            }
            let refused = json!({"code": 50013, "message": "Missing Permissions"});
            (StatusCode::FORBIDDEN, axum::Json(refused)).into_response()
        }
        ("PUT", ["channels", _, "pins", _]) | ("DELETE", ["channels", _, "messages", _]) => none(),
        // Only a message the bot posted in the channel is its to edit there; an interaction's
        // response is edited through the interaction's webhook (403, code 50005).
        ("PATCH", ["channels", channel, "messages", message_id])
            if !inner.sent.iter().any(|m| m["id"] == *message_id && m["channel_id"] == *channel) =>
        {
            if let Some(call) = inner.calls.last_mut() {
                call.0 = "PATCH (refused)".into();
            }
            let refused = json!({"code": 50005, "message": "Cannot edit a message authored by another user"});
            (StatusCode::FORBIDDEN, axum::Json(refused)).into_response()
        }
        ("PATCH", ["channels", channel, "messages", message_id]) => {
            let id = message_id.parse().unwrap_or(1);
            ok(message(id, channel, body["content"].as_str().unwrap_or(""), json!([])))
        }
        // As documented: an autocomplete choice's name is 1 to 100 characters.
        ("POST", ["interactions", _, _, "callback"])
            if body["data"]["choices"].as_array().is_some_and(|choices| {
                choices.iter().any(|c| !(1..=100).contains(&c["name"].as_str().unwrap_or("").chars().count()))
            }) =>
        {
            if let Some(call) = inner.calls.last_mut() {
                call.0 = "POST (refused)".into();
            }
            let refused = json!({"code": 50035, "message": "Invalid Form Body"});
            (StatusCode::BAD_REQUEST, axum::Json(refused)).into_response()
        }
        ("POST", ["interactions", _, token, "callback"]) => {
            let content = body["data"]["content"].as_str().unwrap_or("").to_owned();
            inner.responses.insert((*token).to_owned(), message(id, "444", &content, json!([])));
            none()
        }
        ("GET", ["webhooks", _, token, "messages", "@original"]) => match inner.responses.get(*token) {
            Some(sent) => ok(sent.clone()),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        // A deferred answer, written once the bot is done.
        ("PATCH", ["webhooks", _, token, "messages", "@original"]) => {
            let sent = message(id, "444", body["content"].as_str().unwrap_or(""), json!([]));
            inner.responses.insert((*token).to_owned(), sent.clone());
            ok(sent)
        }
        ("DELETE", ["webhooks", _, _, "messages", "@original"]) => none(),
        ("POST", ["webhooks", _, _]) => ok(message(id, "444", body["content"].as_str().unwrap_or(""), json!([]))),
        ("PUT" | "PATCH" | "DELETE", ["guilds", guild, "bans" | "members", ..])
            if inner.powerless_in.iter().any(|g| g == guild) =>
        {
            let refused = json!({"code": 50013, "message": "Missing Permissions"});
            (StatusCode::FORBIDDEN, axum::Json(refused)).into_response()
        }
        ("PUT", ["guilds", _, "bans", _])
        | ("DELETE", ["guilds", _, "bans", _])
        | ("DELETE", ["guilds", _, "members", _])
        | ("PUT" | "DELETE", ["guilds", _, "members", _, "roles", _]) => none(),
        ("PATCH", ["guilds", guild, "members", member_id]) => {
            let member_id: u64 = member_id.parse().unwrap_or(0);
            let mut edited = member(guild.parse().unwrap_or(0), member_id, "someone");
            edited["communication_disabled_until"] = body["communication_disabled_until"].clone();
            ok(edited)
        }
        _ => {
            inner.unknown.push(format!("{method} {path}"));
            (StatusCode::NOT_FOUND, axum::Json(json!({"code": 0, "message": "not implemented by the fake"})))
                .into_response()
        }
    }
}

fn invite(code: &str, uses: u64, max: u64, by_the_bot: bool) -> Value {
    let inviter = if by_the_bot {
        json!({"id": BOT.to_string(), "username": "entraide", "discriminator": "0",
        "global_name": null, "avatar": null, "bot": true})
    } else {
        user(7, "Someone")
    };
    json!({"code": code, "channel": {"id": "444", "name": "général", "type": 0},
        "created_at": "2026-11-24T09:00:00.000000+00:00", "max_age": 604_800, "max_uses": max,
        "temporary": false, "uses": uses, "inviter": inviter})
}
