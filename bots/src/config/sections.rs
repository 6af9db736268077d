//! The configuration file's sections, one struct each, with their defaults (the core's, for
//! what `/config` may change too).

#[allow(clippy::wildcard_imports)]
use super::*;

/// `[community]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityConfig {
    /// Stable identifier.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Default language.
    pub language: Lang,
    /// Founding admins.
    #[serde(default)]
    pub founders: Vec<FounderConfig>,
}

/// One founder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FounderConfig {
    /// `platform:user id`.
    pub account: String,
    /// Display name.
    pub name: String,
}

/// `[database]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite:FILE` or `postgres://…`.
    pub url: String,
    /// Seconds a process holds a platform connection without renewing it, when several
    /// share a PostgreSQL database: another takes it over after about this long.
    #[serde(default = "default_connection_lease")]
    pub connection_lease_seconds: u32,
}

/// A connection taken over within about 15 s of its holder's death.
fn default_connection_lease() -> u32 {
    12
}

/// `[invitations]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InvitationsConfig {
    /// Days a code works.
    pub valid_days: u32,
    /// Invitations a sponsor may create per period.
    pub quota: u32,
    /// Days in a quota period.
    pub quota_days: u32,
    /// Members who must vouch for a newcomer (the invitation counts as one).
    pub sponsors_required: u32,
}

/// The core's defaults, which the file's sections take (one set of defaults for both).
fn defaults() -> Settings {
    Settings::default()
}

/// Whole days in a span of seconds.
fn days(seconds: i64) -> u32 {
    u32::try_from(seconds / 86_400).unwrap_or(u32::MAX)
}

impl Default for InvitationsConfig {
    fn default() -> Self {
        let core = defaults();
        Self {
            valid_days: days(core.invitation_ttl),
            quota: core.sponsorship.quota,
            quota_days: days(core.sponsorship.period),
            sponsors_required: core.sponsorship.required,
        }
    }
}

/// `[members]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MembersConfig {
    /// Days a new member is on trial.
    pub trial_days: u32,
    /// Days without news before a member is asked whether they are still there.
    pub inactive_days: u32,
    /// Days after that question before they stop being matched.
    pub inactive_grace_days: u32,
}

impl Default for MembersConfig {
    fn default() -> Self {
        let core = defaults();
        Self {
            trial_days: days(core.sponsorship.trial),
            inactive_days: days(core.inactive_after),
            inactive_grace_days: days(core.inactive_grace),
        }
    }
}

/// `[requests]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RequestsConfig {
    /// Days a request waits for help before it expires.
    pub expire_days: u32,
    /// Days before that its author is reminded.
    pub reminder_days: u32,
    /// Group chats where any message is a request (platform chat ids).
    pub channels: Vec<String>,
    /// Hashtags that make a message a request, besides #besoin and #need.
    pub hashtags: Vec<String>,
}

impl Default for RequestsConfig {
    fn default() -> Self {
        let core = defaults();
        Self {
            expire_days: days(core.request_ttl),
            reminder_days: days(core.request_reminder),
            channels: Vec::new(),
            hashtags: Vec::new(),
        }
    }
}

/// `[telegram]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelegramConfig {
    /// The community's groups (supergroup ids, like -1001234567890).
    pub groups: Vec<i64>,
    /// Another Bot API server (your own `telegram-bot-api`); empty: Telegram's.
    pub api_url: String,
    /// The public HTTPS URL Telegram posts updates to; empty: long polling.
    pub webhook_url: String,
    /// The local address that URL is forwarded to.
    pub webhook_listen: String,
}

impl Default for TelegramConfig {
    fn default() -> Self {
        Self {
            groups: Vec::new(),
            api_url: String::new(),
            webhook_url: String::new(),
            webhook_listen: "127.0.0.1:8443".into(),
        }
    }
}

impl TelegramConfig {
    /// Webhook mode's address and URL, when a URL is set.
    pub fn webhook(&self) -> anyhow::Result<Option<(std::net::SocketAddr, String)>> {
        if self.webhook_url.is_empty() {
            return Ok(None);
        }
        let address = self.webhook_listen.parse().with_context(|| {
            format!("telegram.webhook_listen: {:?} is not an address like 127.0.0.1:8443", self.webhook_listen)
        })?;
        Ok(Some((address, self.webhook_url.clone())))
    }
}

/// `[matrix]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MatrixConfig {
    /// The homeserver's URL, like https://matrix.example.org.
    pub homeserver: String,
    /// The bot's account: its user name or full Matrix ID.
    pub user: String,
    /// The community's rooms, by id (!abc:example.org) or alias (#entraide:example.org).
    pub rooms: Vec<String>,
    /// Where the bot keeps its Matrix session and encryption keys (created; keep it).
    pub store: PathBuf,
}

impl MatrixConfig {
    /// How invitees reach the community on Matrix: the first room (an alias if one is
    /// configured, which reads better than an id) and the bot's ID when `user` is a full one.
    pub fn door(&self) -> crate::web::MatrixDoor {
        let room = self.rooms.iter().find(|room| room.starts_with('#')).or(self.rooms.first()).cloned();
        let bot = (self.user.starts_with('@') && self.user.contains(':')).then(|| self.user.clone());
        crate::web::MatrixDoor { room, bot }
    }
}

impl Default for MatrixConfig {
    fn default() -> Self {
        Self { homeserver: String::new(), user: String::new(), rooms: Vec::new(), store: PathBuf::from("matrix-store") }
    }
}

/// `[discord]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// The community's guilds (server ids).
    pub guilds: Vec<u64>,
    /// The role that opens each guild to members, by guild id (a role belongs to one guild);
    /// held joins wait without it.
    pub member_roles: std::collections::BTreeMap<String, u64>,
    /// Where announcements are posted in each guild, by guild id.
    pub announce_channels: std::collections::BTreeMap<String, u64>,
    /// The channel invites are made for (in the first guild); unset: no Discord invites.
    pub invite_channel: Option<u64>,
    /// Another REST base URL (a Discord proxy); empty: Discord's.
    pub api_url: String,
    /// Gateway shards, spread across the processes sharing a PostgreSQL database.
    pub shards: u32,
}

/// One shard: Discord requires more only past 2,500 servers.
fn one_shard() -> u32 {
    1
}

/// A file without `[discord]` has the section's defaults, one shard among them (a derived
/// default said none, which the file's check refuses).
impl Default for DiscordConfig {
    fn default() -> Self {
        Self {
            guilds: Vec::new(),
            member_roles: Default::default(),
            announce_channels: Default::default(),
            invite_channel: None,
            api_url: String::new(),
            shards: one_shard(),
        }
    }
}

impl DiscordConfig {
    /// The member role of each guild, by guild id (keys are checked when the file is read).
    pub fn member_roles(&self) -> std::collections::HashMap<u64, u64> {
        by_guild(&self.member_roles)
    }

    /// The announcement channel of each guild, by guild id.
    pub fn announce_channels(&self) -> std::collections::HashMap<u64, u64> {
        by_guild(&self.announce_channels)
    }
}

/// A table keyed by guild id (as TOML keys are text) with numeric keys.
fn by_guild(map: &std::collections::BTreeMap<String, u64>) -> std::collections::HashMap<u64, u64> {
    map.iter().filter_map(|(guild, value)| Some((guild.parse().ok()?, *value))).collect()
}

/// `[delivery]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryConfig {
    /// Failed attempts before a message is parked for moderators.
    pub max_attempts: u32,
    /// Seconds a process holds the messages it is sending.
    pub lease_seconds: u32,
    /// Telegram's limits, over the documented ones.
    pub telegram: LimitsConfig,
    /// Discord's.
    pub discord: LimitsConfig,
    /// Matrix's.
    pub matrix: LimitsConfig,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            lease_seconds: 120,
            telegram: LimitsConfig::default(),
            discord: LimitsConfig::default(),
            matrix: LimitsConfig::default(),
        }
    }
}

/// `[delivery.PLATFORM]`: any limit left out is the platform's documented one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Messages per second overall.
    pub per_second: Option<f64>,
    /// Messages at once overall.
    pub burst: Option<f64>,
    /// Messages per minute to one group chat.
    pub per_chat_per_minute: Option<f64>,
    /// Messages per second to one person.
    pub per_recipient_per_second: Option<f64>,
}

impl LimitsConfig {
    pub(super) fn over(&self, documented: Limits) -> Limits {
        let rate = |per_second: Option<f64>, burst: Option<f64>, base: Rate| Rate {
            per_second: per_second.unwrap_or(base.per_second),
            burst: burst.unwrap_or(base.burst),
        };
        Limits {
            global: rate(self.per_second, self.burst, documented.global),
            per_chat: rate(self.per_chat_per_minute.map(|n| n / 60.0), None, documented.per_chat),
            per_recipient: rate(self.per_recipient_per_second, None, documented.per_recipient),
        }
    }

    /// The first limit out of range, if any.
    pub(super) fn out_of_range(&self) -> Option<&'static str> {
        let fields = [
            ("per_second", self.per_second),
            ("burst", self.burst),
            ("per_chat_per_minute", self.per_chat_per_minute),
            ("per_recipient_per_second", self.per_recipient_per_second),
        ];
        fields.into_iter().find(|&(_, value)| value.is_some_and(|v| !(v > 0.0 && v <= 10_000.0))).map(|(name, _)| name)
    }
}

/// `[moderation]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModerationConfig {
    /// Warnings that bring a suspension (0: never).
    pub warnings_to_suspend: u32,
    /// Days that suspension lasts.
    pub warning_suspension_days: u32,
}

impl Default for ModerationConfig {
    fn default() -> Self {
        let core = defaults();
        Self { warnings_to_suspend: core.warnings_to_suspend, warning_suspension_days: days(core.warning_suspension) }
    }
}

/// `[offers]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OffersConfig {
    /// Days an offer stays open without news.
    pub expire_days: u32,
}

impl Default for OffersConfig {
    fn default() -> Self {
        Self { expire_days: days(defaults().offer_ttl) }
    }
}

/// `[matching]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MatchingConfig {
    /// Members asked per request, at most.
    pub helpers_asked: u32,
    /// Requests one member is asked about in seven days, at most.
    pub asks_per_week: u32,
}

impl Default for MatchingConfig {
    fn default() -> Self {
        let core = defaults();
        Self {
            helpers_asked: u32::try_from(core.helpers_asked).unwrap_or(u32::MAX),
            asks_per_week: u32::try_from(core.asks_per_week).unwrap_or(u32::MAX),
        }
    }
}

/// `[help_loop]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HelpLoopConfig {
    /// Hours before the "how did it go?" question.
    pub follow_up_hours: f64,
}

impl Default for HelpLoopConfig {
    fn default() -> Self {
        Self { follow_up_hours: defaults().follow_up_delay as f64 / 3600.0 }
    }
}

/// `[console]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsoleConfig {
    /// Who the console acts as first.
    pub act_as: String,
    /// Where the console writes images it receives (the statistics chart).
    pub files_dir: PathBuf,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self { act_as: "alice".into(), files_dir: PathBuf::from(".") }
    }
}

/// `[http]`: the supervision listener (health, readiness, Prometheus metrics).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// Off unless set.
    pub enabled: bool,
    /// Where it listens; loopback unless changed.
    pub listen: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self { enabled: false, listen: "127.0.0.1:9464".into() }
    }
}

impl HttpConfig {
    /// The address to listen on, when enabled.
    pub fn address(&self) -> anyhow::Result<Option<std::net::SocketAddr>> {
        listen_address(self.enabled, &self.listen, "http.listen", "127.0.0.1:9464")
    }
}

/// The address a listener listens on, when enabled; the error names `key` and an `example`.
fn listen_address(
    enabled: bool,
    listen: &str,
    key: &str,
    example: &str,
) -> anyhow::Result<Option<std::net::SocketAddr>> {
    if !enabled {
        return Ok(None);
    }
    let address = listen.parse().with_context(|| format!("{key}: {listen:?} is not an address like {example}"))?;
    Ok(Some(address))
}

/// `[web]`: the moderators' dashboard, in the same process (off by default).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebConfig {
    /// Off unless set.
    pub enabled: bool,
    /// Where it listens; loopback unless changed (the operator's reverse proxy faces the web).
    pub listen: String,
    /// What links to it start with, as browsers reach it (through the proxy): `https://` for
    /// a public address, so that its cookie is only ever sent encrypted.
    pub public_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self { enabled: false, listen: "127.0.0.1:8080".into(), public_url: "http://127.0.0.1:8080".into() }
    }
}

impl WebConfig {
    /// The address to listen on, when enabled.
    pub fn address(&self) -> anyhow::Result<Option<std::net::SocketAddr>> {
        listen_address(self.enabled, &self.listen, "web.listen", "127.0.0.1:8080")
    }
}
