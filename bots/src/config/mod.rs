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

mod explain;
mod sections;

pub use explain::{declared_language, operator_language};
pub use sections::*;

/// The built-in default: the documented example.
pub const EXAMPLE: &str = include_str!("../../../config/entraide.example.toml");

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
    /// The moderators' dashboard.
    #[serde(default)]
    pub web: WebConfig,
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
            let problem = explain::explain(lang, error.message());
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
        if self.web.enabled && self.web.listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(invalid("web.listen", not_an_address(&self.web.listen, "127.0.0.1:8080")));
        }
        if self.web.enabled && !web_address(&self.web.public_url) {
            return Err(invalid(
                "web.public_url",
                say("config-not-a-web-address", &[("value", self.web.public_url.as_str().into())]),
            ));
        }
        let between = |key: &str, min: &str, max: &str| {
            invalid(key, say("config-between", &[("min", min.into()), ("max", max.into())]))
        };
        if !(1..=100).contains(&self.delivery.max_attempts) {
            return Err(between("delivery.max_attempts", "1", "100"));
        }
        if !(1..=64).contains(&self.discord.shards) {
            return Err(between("discord.shards", "1", "64"));
        }
        if !(8..=600).contains(&self.database.connection_lease_seconds) {
            return Err(between("database.connection_lease_seconds", "8", "600"));
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
            dashboard_url: self.web.enabled.then(|| self.web.public_url.clone()),
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

#[cfg(test)]
mod tests;

/// Whether `url` is where browsers can reach the dashboard: `https://` and a host, with no
/// path, query or space (the dashboard's addresses start at `/`); plain `http://` only on
/// this machine, since elsewhere its cookie would travel unencrypted.
fn web_address(url: &str) -> bool {
    let (secure, rest) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        _ => return false,
    };
    let host = rest.strip_suffix('/').unwrap_or(rest);
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let local = matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    !name.is_empty() && !host.contains(['/', '?', '#', '@', ' ']) && (secure || local)
}
