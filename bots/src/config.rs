//! The configuration file: what each key means is documented in
//! `config/entraide.example.toml`, which is also the built-in default. Unknown keys and
//! wrong types are refused with the file, line and key, in the operator's language (the
//! file's own `language`, read even from a file that does not parse); a few keys can be
//! overridden by environment variables. Tokens are never read from this file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use entraide_core::model::{AccountRef, Lang, Platform};
use entraide_core::outbox::{DeliverySettings, Limits, Rate};
use entraide_core::service::{Founder, Settings};
use entraide_core::settings::{Invalid, Sponsorship};
use entraide_core::{catalog, identity};
use serde::Deserialize;

/// The built-in default: the documented example.
pub const EXAMPLE: &str = include_str!("../../config/entraide.example.toml");

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The community.
    pub community: CommunityConfig,
    /// The database.
    pub database: DatabaseConfig,
    /// Invitations.
    #[serde(default)]
    pub invitations: InvitationsConfig,
    /// Members.
    #[serde(default)]
    pub members: MembersConfig,
    /// Requests.
    #[serde(default)]
    pub requests: RequestsConfig,
    /// Offers.
    #[serde(default)]
    pub offers: OffersConfig,
    /// Matching.
    #[serde(default)]
    pub matching: MatchingConfig,
    /// The help loop.
    #[serde(default)]
    pub help_loop: HelpLoopConfig,
    /// Moderation.
    #[serde(default)]
    pub moderation: ModerationConfig,
    /// Delivery of outbound messages.
    #[serde(default)]
    pub delivery: DeliveryConfig,
    /// The Telegram adapter (used when a token is set in the environment).
    #[serde(default)]
    pub telegram: TelegramConfig,
    /// The Matrix adapter (used when a password is set in the environment).
    #[serde(default)]
    pub matrix: MatrixConfig,
    /// The Discord adapter (used when a token is set in the environment).
    #[serde(default)]
    pub discord: DiscordConfig,
    /// The console adapter.
    #[serde(default)]
    pub console: ConsoleConfig,
    /// The supervision listener.
    #[serde(default)]
    pub http: HttpConfig,
}

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

impl Default for MatrixConfig {
    fn default() -> Self {
        Self { homeserver: String::new(), user: String::new(), rooms: Vec::new(), store: PathBuf::from("matrix-store") }
    }
}

/// `[discord]`.
#[derive(Debug, Clone, Default, Deserialize)]
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
    fn over(&self, documented: Limits) -> Limits {
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
    fn out_of_range(&self) -> Option<&'static str> {
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
        if !self.enabled {
            return Ok(None);
        }
        let address = self
            .listen
            .parse()
            .with_context(|| format!("http.listen: {:?} is not an address like 127.0.0.1:9464", self.listen))?;
        Ok(Some(address))
    }
}

impl Config {
    /// Reads a file, or the built-in default when `path` is `None`; then the environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let chosen = env_language(|key| std::env::var(key).ok());
        let (text, name) = match path {
            Some(path) => {
                let shown = path.display().to_string();
                let text = std::fs::read_to_string(path).with_context(|| {
                    catalog::text(chosen.unwrap_or(Lang::Fr), "config-unreadable", &[("file", shown.into())])
                })?;
                (text, path.to_path_buf())
            }
            None => {
                let lang = chosen.unwrap_or_else(|| declared_language(EXAMPLE));
                (EXAMPLE.to_owned(), PathBuf::from(catalog::text(lang, "config-builtin", &[])))
            }
        };
        let lang = chosen.unwrap_or_else(|| declared_language(&text));
        let mut config = Self::parse_in(&text, &name, lang)?;
        config.apply_env(|key| std::env::var(key).ok())?;
        config.validate(&name, &text)?;
        Ok(config)
    }

    /// Parses TOML text; errors name the file, line, column and key, in the language the
    /// text declares, but never quote the line's value (it may be a password in a database
    /// URL).
    pub fn parse(text: &str, name: &Path) -> anyhow::Result<Self> {
        Self::parse_in(text, name, declared_language(text))
    }

    fn parse_in(text: &str, name: &Path, lang: Lang) -> anyhow::Result<Self> {
        toml::from_str(text).map_err(|error| {
            let file = name.display().to_string();
            let problem = explain(lang, error.message());
            let Some(span) = error.span() else {
                let args = [("file", file.into()), ("problem", problem.into())];
                return anyhow::anyhow!("{}", catalog::text(lang, "config-error", &args));
            };
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            // A plain key only: inside a multi-line value, what precedes `=` is the value.
            let plain =
                |key: &&str| !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
            let key =
                text.lines().nth(line - 1).and_then(|l| l.split_once('=')).map(|(key, _)| key.trim()).filter(plain);
            let mut args = vec![
                ("file", file.into()),
                ("line", (line as i64).into()),
                ("column", (column as i64).into()),
                ("problem", problem.into()),
            ];
            let id = match key {
                Some(key) => {
                    args.push(("key", key.into()));
                    "config-error-at-key"
                }
                None => "config-error-at",
            };
            anyhow::anyhow!("{}", catalog::text(lang, id, &args))
        })
    }

    /// Applies `ENTRAIDE_*` overrides.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(url) = var("ENTRAIDE_DATABASE_URL") {
            self.database.url = url;
        }
        if let Some(slug) = var("ENTRAIDE_COMMUNITY_SLUG") {
            self.community.slug = slug;
        }
        if let Some(name) = var("ENTRAIDE_COMMUNITY_NAME") {
            self.community.name = name;
        }
        if let Some(lang) = var("ENTRAIDE_COMMUNITY_LANGUAGE") {
            self.community.language = Lang::parse(&lang).with_context(|| {
                catalog::text(self.community.language, "config-env-language", &[("value", lang.as_str().into())])
            })?;
        }
        if let Some(name) = var("ENTRAIDE_CONSOLE_ACT_AS") {
            self.console.act_as = name;
        }
        Ok(())
    }

    /// Checks what types alone cannot; errors name the file, the line and the key, in the
    /// community's language.
    fn validate(&self, name: &Path, text: &str) -> anyhow::Result<()> {
        let lang = self.community.language;
        let file = name.display().to_string();
        let say = |id: &str, args: &[catalog::Arg<'_>]| catalog::text(lang, id, args);
        // What is wrong with a key, and where the file sets it (if it does).
        let invalid = |key: &str, problem: String| {
            let leaf = key.rsplit('.').next().unwrap_or(key);
            let line = text.lines().position(|line| {
                line.trim_start().strip_prefix(leaf).is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            let mut args = vec![("file", file.as_str().into()), ("key", key.into()), ("problem", problem.into())];
            let id = match line {
                Some(index) => {
                    args.push(("line", (index as i64 + 1).into()));
                    "config-invalid-key-at"
                }
                None => "config-invalid-key",
            };
            anyhow::anyhow!("{}", catalog::text(lang, id, &args))
        };
        let at_least = |key: &str, value: u32, min: u32| {
            (value < min).then(|| invalid(key, say("config-at-least", &[("min", min.to_string().into())])))
        };
        if self.community.slug.trim().is_empty() {
            return Err(invalid("community.slug", say("config-not-empty", &[])));
        }
        let url = &self.database.url;
        if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(invalid("database.url", say("config-database-url", &[])));
        }
        if let Some(error) = at_least("matching.helpers_asked", self.matching.helpers_asked, 1) {
            return Err(error);
        }
        if self.members.inactive_grace_days == 0 {
            return Err(invalid("members.inactive_grace_days", say("config-grace", &[])));
        }
        if let Some(error) = at_least("members.inactive_days", self.members.inactive_days, 1) {
            return Err(error);
        }
        for (key, map) in [
            ("discord.member_roles", &self.discord.member_roles),
            ("discord.announce_channels", &self.discord.announce_channels),
        ] {
            for guild in map.keys() {
                let known = guild.parse::<u64>().is_ok_and(|id| self.discord.guilds.contains(&id));
                if !known {
                    return Err(invalid(key, say("config-not-a-guild", &[("guild", guild.as_str().into())])));
                }
            }
        }
        for (platform, limits) in [
            ("telegram", &self.delivery.telegram),
            ("discord", &self.delivery.discord),
            ("matrix", &self.delivery.matrix),
        ] {
            if let Some(field) = limits.out_of_range() {
                return Err(invalid(&format!("delivery.{platform}.{field}"), say("config-rate", &[])));
            }
        }
        let not_an_address = |value: &str, example: &str| {
            say("config-not-an-address", &[("value", value.into()), ("example", example.into())])
        };
        let listen = &self.telegram.webhook_listen;
        if !self.telegram.webhook_url.is_empty() && listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(invalid("telegram.webhook_listen", not_an_address(listen, "127.0.0.1:8443")));
        }
        if self.http.enabled && self.http.listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(invalid("http.listen", not_an_address(&self.http.listen, "127.0.0.1:9464")));
        }
        let between = |key: &str, min: &str, max: &str| {
            invalid(key, say("config-between", &[("min", min.into()), ("max", max.into())]))
        };
        if !(1..=100).contains(&self.delivery.max_attempts) {
            return Err(between("delivery.max_attempts", "1", "100"));
        }
        if !(10..=86_400).contains(&self.delivery.lease_seconds) {
            return Err(between("delivery.lease_seconds", "10", "86400"));
        }
        if !(self.help_loop.follow_up_hours >= 0.0 && self.help_loop.follow_up_hours <= 24.0 * 365.0) {
            return Err(between("help_loop.follow_up_hours", "0", "8760"));
        }
        for founder in &self.community.founders {
            if let Err(problem) = founder_account(&founder.account, lang) {
                return Err(invalid("community.founders", problem));
            }
            if let Err(error) = identity::check_name(&founder.name) {
                return Err(invalid("community.founders", entraide_core::import::explain(lang, &error, &founder.name)));
            }
        }
        if let Err(error) = identity::check_user_id(Platform::Console, &self.console.act_as) {
            let problem = entraide_core::import::explain_user_id(lang, Platform::Console, &error, &self.console.act_as);
            return Err(invalid("console.act_as", problem));
        }
        // What `/config` may change too is checked by the core's one rule, under the file's
        // names for it.
        match self.settings()?.validate() {
            Ok(()) => Ok(()),
            Err(Invalid::Range { key, min, max }) => Err(between(file_key(key), &min.to_string(), &max.to_string())),
            Err(Invalid::NotLonger { key, than }) => {
                Err(invalid(file_key(key), say("config-more-than", &[("other", file_key(than).into())])))
            }
        }
    }

    /// How the outbox is delivered: limits per platform, attempts, lease.
    pub fn delivery(&self) -> DeliverySettings {
        let delivery = &self.delivery;
        let limits = [
            (Platform::Telegram, &delivery.telegram),
            (Platform::Discord, &delivery.discord),
            (Platform::Matrix, &delivery.matrix),
        ]
        .into_iter()
        .map(|(platform, config)| (platform, config.over(Limits::documented(platform))))
        .collect();
        DeliverySettings {
            limits,
            max_attempts: i32::try_from(delivery.max_attempts).unwrap_or(8),
            lease: i64::from(delivery.lease_seconds),
            ..DeliverySettings::default()
        }
    }

    /// Platforms that make their own invitations: Telegram a link to the community's first
    /// group, Matrix an invite of the Matrix ID the sponsor names, Discord a single-use invite.
    fn native_links(&self) -> Vec<Platform> {
        let mut platforms = Vec::new();
        if !self.telegram.groups.is_empty() {
            platforms.push(Platform::Telegram);
        }
        if !self.matrix.rooms.is_empty() {
            platforms.push(Platform::Matrix);
        }
        if self.discord.invite_channel.is_some() {
            platforms.push(Platform::Discord);
        }
        platforms
    }

    /// Platforms whose adapter serves community groups, where announcements go.
    fn group_platforms(&self) -> Vec<Platform> {
        let mut platforms = Vec::new();
        if !self.telegram.groups.is_empty() {
            platforms.push(Platform::Telegram);
        }
        if !self.matrix.rooms.is_empty() {
            platforms.push(Platform::Matrix);
        }
        // Announcements need a channel in each guild; an adoption lists the guilds' members.
        if !self.discord.guilds.is_empty() {
            platforms.push(Platform::Discord);
        }
        platforms
    }

    /// The core's settings.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let founders = self
            .community
            .founders
            .iter()
            .map(|founder| {
                let account = founder_account(&founder.account, self.community.language).map_err(anyhow::Error::msg)?;
                Ok(Founder { account, name: founder.name.clone() })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Settings {
            community_slug: self.community.slug.clone(),
            community_name: self.community.name.clone(),
            default_lang: self.community.language,
            invitation_ttl: i64::from(self.invitations.valid_days) * 86_400,
            follow_up_delay: (self.help_loop.follow_up_hours * 3600.0).round() as i64,
            helpers_asked: self.matching.helpers_asked as usize,
            asks_per_week: self.matching.asks_per_week as usize,
            request_ttl: i64::from(self.requests.expire_days) * 86_400,
            offer_ttl: i64::from(self.offers.expire_days) * 86_400,
            request_reminder: i64::from(self.requests.reminder_days) * 86_400,
            inactive_after: i64::from(self.members.inactive_days) * 86_400,
            inactive_grace: i64::from(self.members.inactive_grace_days) * 86_400,
            sponsorship: Sponsorship {
                quota: self.invitations.quota,
                period: i64::from(self.invitations.quota_days) * 86_400,
                trial: i64::from(self.members.trial_days) * 86_400,
                required: self.invitations.sponsors_required,
            },
            link_code_ttl: 10 * 60,
            native_links: self.native_links(),
            founders,
            warnings_to_suspend: self.moderation.warnings_to_suspend,
            warning_suspension: i64::from(self.moderation.warning_suspension_days.max(1)) * 86_400,
            request_channels: self.requests.channels.clone(),
            request_hashtags: self.requests.hashtags.clone(),
            group_platforms: self.group_platforms(),
            // Time credits are a community's choice, made from the chat (`/config time_credits on`).
            ..Settings::default()
        })
    }
}

/// The file's name for a setting the core validates (its `/config` name otherwise).
fn file_key(key: &str) -> &str {
    match key {
        "sponsors_required" => "invitations.sponsors_required",
        "invite_quota" => "invitations.quota",
        "quota_days" => "invitations.quota_days",
        "invitation_days" => "invitations.valid_days",
        "trial_days" => "members.trial_days",
        "request_days" => "requests.expire_days",
        "reminder_days" => "requests.reminder_days",
        "offer_days" => "offers.expire_days",
        "warnings_to_suspend" => "moderation.warnings_to_suspend",
        "warning_suspension_days" => "moderation.warning_suspension_days",
        "asks_per_week" => "matching.asks_per_week",
        other => other,
    }
}

/// `platform:user id` → an account; what is wrong with it, in `lang`, otherwise.
fn founder_account(text: &str, lang: Lang) -> Result<AccountRef, String> {
    let value: catalog::Arg<'_> = ("value", text.into());
    let Some((platform, user)) = text.split_once(':') else {
        return Err(catalog::text(lang, "config-founder-shape", &[value]));
    };
    let Some(platform) = Platform::parse(platform) else {
        return Err(catalog::text(lang, "config-founder-platform", &[value, ("platform", platform.into())]));
    };
    if user.is_empty() {
        return Err(catalog::text(lang, "config-founder-user", &[value]));
    }
    identity::check_user_id(platform, user)
        .map_err(|error| entraide_core::import::explain_user_id(lang, platform, &error, user))?;
    Ok(AccountRef::new(platform, user))
}

/// The language `ENTRAIDE_COMMUNITY_LANGUAGE` asks for, when it names one.
fn env_language(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    var("ENTRAIDE_COMMUNITY_LANGUAGE").and_then(|lang| Lang::parse(lang.trim()))
}

/// The language a configuration text declares (`language = "en"`), read line by line so
/// that a file that does not parse is explained in it too; French, as the example, when it
/// declares none.
pub fn declared_language(text: &str) -> Lang {
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("language"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .find_map(|value| {
            let value = value.split('#').next().unwrap_or_default().trim();
            Lang::parse(value.trim_matches(['"', '\'']))
        })
        .unwrap_or(Lang::Fr)
}

/// The language to explain a configuration problem in: the environment's, the file's, or
/// French. For `entraide doctor`, when the file cannot be loaded.
pub fn operator_language(path: Option<&Path>) -> Lang {
    let text = match path {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => EXAMPLE.to_owned(),
    };
    env_language(|key| std::env::var(key).ok()).unwrap_or_else(|| declared_language(&text))
}

/// serde's and toml's English account of a parse error, in the operator's language when it
/// is one of serde's usual shapes (a wrong type, an unknown or missing key, an unknown
/// value); otherwise the TOML parser's own words, said to be its.
fn explain(lang: Lang, message: &str) -> String {
    let message = message.trim();
    translated(lang, message)
        .unwrap_or_else(|| catalog::text(lang, "config-syntax", &[("detail", message.replace('\n', "; ").into())]))
}

fn translated(lang: Lang, message: &str) -> Option<String> {
    let say = |id: &str, args: &[catalog::Arg<'_>]| Some(catalog::text(lang, id, args));
    // "`a`, `b` or `c`" → "a, b, c"
    let names = |list: &str| list.split('`').skip(1).step_by(2).collect::<Vec<_>>().join(", ");
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, tail) = rest.split_once('`')?;
        return match names(tail) {
            known if known.is_empty() => say("config-unknown-key-none", &[("key", key.into())]),
            known => say("config-unknown-key", &[("key", key.into()), ("known", known.into())]),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`')?;
        return say("config-unknown-value", &[("value", value.into()), ("known", names(tail).into())]);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let (key, _) = rest.split_once('`')?;
        return say("config-missing-key", &[("key", key.into())]);
    }
    if message == "duplicate key" || message.starts_with("duplicate key:") || message.starts_with("duplicate field") {
        return say("config-duplicate-key", &[]);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        let (found, expected) = (kind(lang, found)?, kind(lang, expected)?);
        return say("config-wrong-type", &[("found", found.into()), ("expected", expected.into())]);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (_, expected) = rest.rsplit_once(", expected ")?;
        return say("config-wrong-value", &[("expected", kind(lang, expected)?.into())]);
    }
    None
}

/// serde's name for a kind of value ("u32", "a string", "integer `3`"), in `lang`; never
/// the value itself.
fn kind(lang: Lang, described: &str) -> Option<String> {
    let first = described.split([' ', '`']).next()?;
    let id = match first {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "config-kind-count",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "integer" => "config-kind-integer",
        "f32" | "f64" | "floating" => "config-kind-number",
        "string" | "path" | "char" | "character" => "config-kind-text",
        "boolean" => "config-kind-boolean",
        "sequence" | "array" => "config-kind-list",
        "map" | "struct" | "table" => "config-kind-table",
        "a" | "an" => return kind(lang, described.split_once(' ')?.1),
        _ => return None,
    };
    Some(catalog::text(lang, id, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_the_default_and_is_valid() {
        let config = Config::load(None).expect("example config");
        assert_eq!(config.database.url, "sqlite:entraide.db");
        let settings = config.settings().expect("settings");
        assert_eq!(settings.founders[0].account, AccountRef::new(Platform::Console, "alice"));
        assert_eq!(settings.invitation_ttl, 7 * 86_400);
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let text = EXAMPLE.replace("helpers_asked = 3", "helpers_asked = \"three\"");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("my.toml") && error.contains("ligne") && error.contains("helpers_asked"), "{error}");
        let text = EXAMPLE.replace("[console]", "[console]\nactas = \"bob\"");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("actas") && error.contains("ligne"), "{error}");
        let error = Config::parse("[community\n", Path::new("broken.toml")).expect_err("must fail").to_string();
        assert!(error.contains("broken.toml") && error.contains("ligne 1"), "{error}");
        // The line's value is never quoted: it may be a password.
        let text = EXAMPLE.replace("url = \"sqlite:entraide.db\"", "url = postgres://bot:s3cret@db/entraide");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("ligne 27") && error.contains("(clé url)") && !error.contains("s3cret"), "{error}");
    }

    #[test]
    fn errors_are_in_the_language_the_file_declares() {
        let french = EXAMPLE.replace("helpers_asked = 3", "helpers_asked = \"three\"");
        let error = Config::parse(&french, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("il faut un nombre entier, 0 ou plus, pas un texte entre guillemets"), "{error}");
        assert!(!error.contains("invalid type") && !error.contains("expected") && !error.contains("three"), "{error}");
        let english = french.replace("language = \"fr\"", "language = \"en\"");
        let error = Config::parse(&english, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("line") && error.contains("expected a whole number, 0 or more, not a text"), "{error}");

        let text = EXAMPLE.replace("[console]", "[console]\nactas = \"bob\"");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("clé inconnue « actas » (clés possibles ici : act_as, files_dir)"), "{error}");
        let text = EXAMPLE.replace("language = \"fr\"", "language = \"de\"");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("valeur inconnue « de » (valeurs possibles : fr, en)"), "{error}");
        let text = EXAMPLE.replace("slug = ", "#slug = ");
        let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
        assert!(error.contains("il manque la clé slug"), "{error}");
        let error = Config::parse("[community\n", Path::new("broken.toml")).expect_err("must fail").to_string();
        assert!(error.contains("ce n'est pas du TOML valide"), "{error}");

        // What types alone cannot check, likewise.
        let config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        let mut english = config.clone();
        english.community.language = Lang::En;
        english.invitations.quota = 0;
        let error = english.validate(Path::new("x.toml"), EXAMPLE).expect_err("no quota").to_string();
        assert!(error.contains("key invitations.quota: must be between 1 and 100"), "{error}");
        let mut french = config;
        french.invitations.quota = 0;
        let error = french.validate(Path::new("x.toml"), EXAMPLE).expect_err("no quota").to_string();
        assert!(error.contains("clé invitations.quota : doit être entre 1 et 100"), "{error}");
        // The file and `/config` share one rule: a reminder after the request expired is
        // refused by both.
        let mut late = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        late.requests.reminder_days = late.requests.expire_days;
        let error = late.validate(Path::new("x.toml"), EXAMPLE).expect_err("too late").to_string();
        assert!(
            error.contains("clé requests.expire_days : doit être plus grand que requests.reminder_days"),
            "{error}"
        );
    }

    #[test]
    fn a_file_that_sets_nothing_has_the_cores_defaults() {
        let text = "[community]\nslug = \"x\"\nname = \"X\"\nlanguage = \"fr\"\n[database]\nurl = \"sqlite:x.db\"\n";
        let settings = Config::parse(text, Path::new("minimal.toml")).expect("parse").settings().expect("settings");
        let core = Settings::default();
        let spans = |s: &Settings| {
            (s.invitation_ttl, s.request_ttl, s.offer_ttl, s.request_reminder, s.inactive_after, s.inactive_grace)
        };
        assert_eq!(spans(&settings), spans(&core));
        assert_eq!(settings.sponsorship, core.sponsorship);
        let counts = |s: &Settings| (s.warnings_to_suspend, s.warning_suspension, s.helpers_asked, s.asks_per_week);
        assert_eq!(counts(&settings), counts(&core));
        assert_eq!(settings.follow_up_delay, core.follow_up_delay);
    }

    #[test]
    fn the_declared_language_is_read_from_any_text() {
        assert_eq!(declared_language("[community]\nlanguage = \"en\" # English\nslug = 3"), Lang::En);
        assert_eq!(declared_language("language='en'"), Lang::En);
        assert_eq!(declared_language("[community\nslug = 3"), Lang::Fr);
        assert_eq!(declared_language(EXAMPLE), Lang::Fr);
    }

    #[test]
    fn delivery_limits_default_to_the_documented_ones_and_can_be_changed() {
        let config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        let delivery = config.delivery();
        assert_eq!(delivery.limits[&Platform::Telegram], Limits::documented(Platform::Telegram));
        assert_eq!((delivery.max_attempts, delivery.lease), (8, 120));
        let text = EXAMPLE
            .replace("[console]", "[delivery.matrix]\nper_second = 1.5\nper_recipient_per_second = 0.5\n\n[console]");
        let changed = Config::parse(&text, Path::new("x")).expect("parse").delivery();
        let matrix = changed.limits[&Platform::Matrix];
        assert_eq!((matrix.global.per_second, matrix.global.burst), (1.5, 10.0), "the burst stays documented");
        assert_eq!(matrix.per_recipient.per_second, 0.5);
        let text = EXAMPLE.replace("[console]", "[delivery.telegram]\nper_second = -3\n\n[console]");
        let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
        let error = format!("{:#}", config.validate(Path::new("x.toml"), &text).expect_err("negative"));
        assert!(error.contains("delivery.telegram.per_second"), "{error}");
    }

    #[test]
    fn each_discord_guild_has_its_own_member_role() {
        let text = EXAMPLE.replace("guilds = []", "guilds = [222, 223]\nmember_roles = { 222 = 888, 223 = 889 }");
        let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
        config.validate(Path::new("x.toml"), &text).expect("valid");
        assert_eq!(config.discord.member_roles(), [(222, 888), (223, 889)].into());
        let text = EXAMPLE.replace("guilds = []", "guilds = [222]\nmember_roles = { 223 = 889 }");
        let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
        let error = format!("{:#}", config.validate(Path::new("x.toml"), &text).expect_err("not a guild"));
        assert!(error.contains("discord.member_roles") && error.contains("223"), "{error}");
    }

    #[test]
    fn environment_overrides_and_validation() {
        let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        config
            .apply_env(|key| match key {
                "ENTRAIDE_DATABASE_URL" => Some("postgres://u@localhost/db".into()),
                "ENTRAIDE_COMMUNITY_LANGUAGE" => Some("en".into()),
                _ => None,
            })
            .expect("env");
        assert_eq!(config.database.url, "postgres://u@localhost/db");
        assert_eq!(config.community.language, Lang::En);
        assert!(config.apply_env(|_| Some("klingon".into())).is_err());
        let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        config.community.founders[0].account = "myspace:tom".into();
        let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err("unknown platform"));
        assert!(
            error.contains("x.toml") && error.contains("clé community.founders") && error.contains("myspace"),
            "{error}"
        );
        // Names and ids that would pass for others or hold contact details are refused.
        let refused = [
            ("telegram:bob@example.org", "bob", "jamais d'e-mail"),
            ("discord:jp#4242", "jp", "n'est pas un identifiant discord"),
            ("matrix:bob", "bob", "n'est pas un identifiant matrix"),
            ("console:alice", "al\u{200b}ice", "U+200B"),
            ("console:alice", "\u{202e}ecila", "U+202E"),
            ("console:alice", "alice 06 12 34 56 78", "pas de coordonnées"),
            ("console:al\u{200b}ice", "alice", "U+200B"),
        ];
        for (account, name, why) in refused {
            let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
            config.community.founders[0].account = account.into();
            config.community.founders[0].name = name.into();
            let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err(why));
            assert!(error.contains("clé community.founders") && error.contains(why), "{error}");
        }
        let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        config.community.founders[0].account = "telegram:42".into();
        config
            .community
            .founders
            .push(FounderConfig { account: "matrix:@zoe:example.org".into(), name: "Zoé".into() });
        config.validate(Path::new("x.toml"), EXAMPLE).expect("numeric Telegram ids and Matrix IDs are fine");
        config.console.act_as = "bob@example.org".into();
        let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err("an e-mail"));
        assert!(error.contains("console.act_as"), "{error}");
        let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        config.community.founders.clear();
        config.matching.helpers_asked = 0;
        let error = config.validate(Path::new("x.toml"), EXAMPLE).expect_err("zero helpers").to_string();
        let line = EXAMPLE.lines().position(|l| l.starts_with("helpers_asked")).unwrap_or_default() + 1;
        assert!(error.contains(&format!("ligne {line}, clé matching.helpers_asked")), "{error}");
    }
}
