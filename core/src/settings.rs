//! A community's settings: read from the configuration file, and changed by admins from the
//! chat with `/config`. What an admin changes is stored (so every process sees it) and laid
//! over the file's values; each setting the chat may change is validated here.

use crate::model::{AccountRef, Lang, MemberId, Platform, Timestamp};

const DAY: i64 = 86_400;

/// How a community behaves; read from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Short stable name of the community.
    pub community_slug: String,
    /// Its display name.
    pub community_name: String,
    /// The language for people whose language is not known.
    pub default_lang: Lang,
    /// How long an invitation code works, in seconds.
    pub invitation_ttl: i64,
    /// How long after contacts are exchanged the requester is asked how it went, in seconds.
    pub follow_up_delay: i64,
    /// How many helpers are asked for one request at most.
    pub helpers_asked: usize,
    /// How many requests one member is asked about in seven days at most: a helper who gets
    /// more mutes the bot, and then nobody is helped.
    pub asks_per_week: usize,
    /// How long a request waits for help before it expires, in seconds.
    pub request_ttl: i64,
    /// How long an offer stays open without activity, in seconds.
    pub offer_ttl: i64,
    /// How long before a post expires its author is reminded, in seconds.
    pub request_reminder: i64,
    /// How long without news before a member is asked whether they are still there.
    pub inactive_after: i64,
    /// How long after that question they stop being matched (never removed).
    pub inactive_grace: i64,
    /// Quotas and the trial period.
    pub sponsorship: Sponsorship,
    /// How long a `/lier` code works, in seconds.
    pub link_code_ttl: i64,
    /// Platforms whose adapter makes native invite links for invitations.
    pub native_links: Vec<Platform>,
    /// Accounts that are admins from the start: a community needs a first sponsor.
    pub founders: Vec<Founder>,
    /// Warnings that bring a suspension (0: never).
    pub warnings_to_suspend: u32,
    /// How long that suspension lasts, in seconds.
    pub warning_suspension: i64,
    /// Group chats where any message is a request (adapters ask [`Settings::is_request_channel`]).
    pub request_channels: Vec<String>,
    /// Hashtags that make a message a request, besides `#besoin` and `#need`.
    pub request_hashtags: Vec<String>,
    /// Time credits: off by default.
    pub time_credits: bool,
    /// Below this balance (in minutes, zero or less) a member asking is reminded to offer.
    pub time_floor: i64,
    /// Minutes a service is worth when the community counts by service; 0: the requester says.
    pub time_unit: i64,
    /// How long someone must have been a member to mentor a minor, in seconds (0: no rule).
    pub mentor_min_age: i64,
    /// Platforms whose adapter serves community groups (announcements go to each).
    pub group_platforms: Vec<Platform>,
    /// An adoption window an admin opened (`/adopter ouvrir`), stored, never in the file.
    pub adoption: Option<AdoptionWindow>,
    /// Where the moderators' dashboard is reached from a browser (`[web] public_url`), when
    /// the operator serves it.
    pub dashboard_url: Option<String>,
}

/// While it is open, unknown people who write in the community's groups become members:
/// those who were there before the bot came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdoptionWindow {
    /// When it closes.
    pub until: Timestamp,
    /// The admin who opened it (the adoptions are theirs in the audit log).
    pub by: MemberId,
}

/// The stored setting that holds the adoption window (not one `/config` shows).
pub const ADOPTION_KEY: &str = "adoption_window";

impl Settings {
    /// The adoption window, if one is open at `now`.
    pub fn adoption_open(&self, now: Timestamp) -> Option<AdoptionWindow> {
        self.adoption.filter(|window| now < window.until)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            community_slug: "entraide".into(),
            community_name: "Entraide".into(),
            default_lang: Lang::Fr,
            invitation_ttl: 7 * 24 * 3600,
            follow_up_delay: 3 * 24 * 3600,
            helpers_asked: 3,
            asks_per_week: 3,
            request_ttl: 30 * 24 * 3600,
            offer_ttl: 90 * 24 * 3600,
            request_reminder: 3 * 24 * 3600,
            inactive_after: 180 * 24 * 3600,
            inactive_grace: 14 * 24 * 3600,
            sponsorship: Sponsorship { quota: 5, period: 30 * 24 * 3600, trial: 30 * 24 * 3600, required: 1 },
            link_code_ttl: 10 * 60,
            native_links: Vec::new(),
            founders: Vec::new(),
            warnings_to_suspend: 3,
            warning_suspension: 7 * 24 * 3600,
            request_channels: Vec::new(),
            request_hashtags: Vec::new(),
            time_credits: false,
            time_floor: -600,
            time_unit: 0,
            mentor_min_age: 0,
            group_platforms: Vec::new(),
            adoption: None,
            dashboard_url: None,
        }
    }
}

/// Sponsorship: quotas, the trial period and how many must vouch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sponsorship {
    /// Invitations a sponsor may create per period.
    pub quota: u32,
    /// The quota's period, in seconds.
    pub period: i64,
    /// How long new members are on trial, in seconds.
    pub trial: i64,
    /// How many members must vouch for a newcomer (1: the invitation is enough).
    pub required: u32,
}

/// The bounds of each number a community sets, in the unit `/config` shows: one table for
/// the chat and for the configuration file.
pub const LIMITS: &[(&str, i64, i64)] = &[
    ("sponsors_required", 1, 10),
    ("invite_quota", 1, 100),
    ("quota_days", 1, 365),
    ("trial_days", 0, 365),
    ("invitation_days", 1, 90),
    ("request_days", 1, 365),
    ("offer_days", 1, 730),
    ("warnings_to_suspend", 0, 20),
    ("warning_suspension_days", 1, 365),
    ("time_floor_hours", -1_000, 0),
    ("time_unit_minutes", 0, 24 * 60),
    ("mentor_min_days", 0, 3_650),
    ("asks_per_week", 1, 100),
];

/// What is wrong with settings taken together (see [`Settings::validate`]), by `/config` key
/// (`reminder_days`: the reminder before a request expires, set in the file only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// A number out of its [`LIMITS`].
    Range {
        /// The setting.
        key: &'static str,
        /// Its least value.
        min: i64,
        /// Its greatest value.
        max: i64,
    },
    /// A span that must be longer than another.
    NotLonger {
        /// The setting.
        key: &'static str,
        /// What it must exceed.
        than: &'static str,
    },
}

/// Why a setting was not changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    /// No such setting (its name, cut to 40 characters).
    Unknown(String),
    /// A value out of range or malformed, for this setting.
    Bad(String),
}

impl From<Invalid> for SettingError {
    fn from(invalid: Invalid) -> Self {
        match invalid {
            Invalid::Range { key, .. } | Invalid::NotLonger { key, .. } => SettingError::Bad(key.to_owned()),
        }
    }
}

/// A founding admin, named in the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Founder {
    /// Their account.
    pub account: AccountRef,
    /// Their display name.
    pub name: String,
}

/// The settings `/config` shows and changes, in the order it lists them.
pub const KEYS: &[&str] = &[
    "language",
    "sponsors_required",
    "invite_quota",
    "quota_days",
    "trial_days",
    "invitation_days",
    "request_days",
    "offer_days",
    "warnings_to_suspend",
    "warning_suspension_days",
    "request_channels",
    "request_hashtags",
    "time_credits",
    "time_floor_hours",
    "time_unit_minutes",
    "mentor_min_days",
    "asks_per_week",
];

impl Settings {
    /// Lays the values changed from the chat over these. Stored values were validated when
    /// set; one that no longer parses (an older version's) is skipped, never fatal.
    pub fn with_overrides(&self, overrides: &[(String, String)]) -> Settings {
        let mut settings = self.clone();
        for (key, value) in overrides {
            if settings.set(key, value).is_err() {
                tracing::warn!(key = %key, "ignoring a stored setting that no longer parses");
            }
        }
        settings
    }

    /// Changes one setting from its typed value; refuses an unknown key or a bad value.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let bad = || SettingError::Bad(key.to_owned());
        // Within the key's limits (see `LIMITS`).
        let number = || -> Result<i64, SettingError> {
            let (_, min, max) = LIMITS.iter().find(|(name, _, _)| *name == key).ok_or_else(bad)?;
            value.trim().parse::<i64>().ok().filter(|n| (*min..=*max).contains(n)).ok_or_else(bad)
        };
        match key {
            "language" => self.default_lang = Lang::parse(value.trim()).ok_or_else(bad)?,
            "sponsors_required" => self.sponsorship.required = number()? as u32,
            "invite_quota" => self.sponsorship.quota = number()? as u32,
            "quota_days" => self.sponsorship.period = number()? * DAY,
            "trial_days" => self.sponsorship.trial = number()? * DAY,
            "invitation_days" => self.invitation_ttl = number()? * DAY,
            "request_days" => self.request_ttl = number()? * DAY,
            "offer_days" => self.offer_ttl = number()? * DAY,
            "warnings_to_suspend" => self.warnings_to_suspend = number()? as u32,
            "warning_suspension_days" => self.warning_suspension = number()? * DAY,
            "request_channels" => {
                let channels: Vec<String> =
                    value.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect();
                if channels.len() > 50 || channels.iter().any(|c| c.chars().count() > 100) {
                    return Err(bad());
                }
                self.request_channels = channels;
            }
            "request_hashtags" => {
                let tags: Vec<String> = value
                    .split([',', ' '])
                    .map(|tag| tag.trim().trim_start_matches('#').to_lowercase())
                    .filter(|tag| !tag.is_empty())
                    .collect();
                let word = |tag: &String| tag.chars().count() <= 30 && tag.chars().all(char::is_alphanumeric);
                if tags.len() > 20 || !tags.iter().all(word) {
                    return Err(bad());
                }
                self.request_hashtags = tags;
            }
            "time_credits" => {
                self.time_credits = match value.trim().to_lowercase().as_str() {
                    "oui" | "yes" | "on" | "true" | "1" => true,
                    "non" | "no" | "off" | "false" | "0" => false,
                    _ => return Err(bad()),
                }
            }
            "time_floor_hours" => self.time_floor = number()? * 60,
            "time_unit_minutes" => self.time_unit = number()?,
            "mentor_min_days" => self.mentor_min_age = number()? * DAY,
            "asks_per_week" => self.asks_per_week = number()? as usize,
            ADOPTION_KEY => {
                let (until, by) = value.split_once(':').ok_or_else(bad)?;
                let (until, by) = (until.parse().map_err(|_| bad())?, by.parse().map_err(|_| bad())?);
                self.adoption = Some(AdoptionWindow { until, by });
            }
            _ => return Err(SettingError::Unknown(key.chars().take(40).collect())),
        }
        Ok(())
    }

    /// Whether these settings hold together: every number within its [`LIMITS`], and a
    /// request's reminder before it (or an offer) expires. The configuration file and
    /// `/config` both ask this, so that neither accepts what the other refuses.
    pub fn validate(&self) -> Result<(), Invalid> {
        for (key, min, max) in LIMITS {
            let value = self.get(key).and_then(|value| value.parse::<i64>().ok());
            if !value.is_some_and(|value| (*min..=*max).contains(&value)) {
                return Err(Invalid::Range { key, min: *min, max: *max });
            }
        }
        if self.request_reminder >= self.request_ttl {
            return Err(Invalid::NotLonger { key: "request_days", than: "reminder_days" });
        }
        if self.request_reminder >= self.offer_ttl {
            return Err(Invalid::NotLonger { key: "offer_days", than: "reminder_days" });
        }
        Ok(())
    }

    /// One setting's current value, as `/config` shows it and [`Settings::set`] reads it.
    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "language" => self.default_lang.to_string(),
            "sponsors_required" => self.sponsorship.required.to_string(),
            "invite_quota" => self.sponsorship.quota.to_string(),
            "quota_days" => (self.sponsorship.period / DAY).to_string(),
            "trial_days" => (self.sponsorship.trial / DAY).to_string(),
            "invitation_days" => (self.invitation_ttl / DAY).to_string(),
            "request_days" => (self.request_ttl / DAY).to_string(),
            "offer_days" => (self.offer_ttl / DAY).to_string(),
            "warnings_to_suspend" => self.warnings_to_suspend.to_string(),
            "warning_suspension_days" => (self.warning_suspension / DAY).to_string(),
            "request_channels" => self.request_channels.join(", "),
            "request_hashtags" => self.request_hashtags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(", "),
            "time_credits" => if self.time_credits { "on" } else { "off" }.to_owned(),
            "time_floor_hours" => (self.time_floor / 60).to_string(),
            "time_unit_minutes" => self.time_unit.to_string(),
            "mentor_min_days" => (self.mentor_min_age / DAY).to_string(),
            "asks_per_week" => self.asks_per_week.to_string(),
            _ => return None,
        })
    }

    /// Whether any message in this group chat is a request (adapters pass the chat's id).
    pub fn is_request_channel(&self, chat: &str) -> bool {
        self.request_channels.iter().any(|c| c == chat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_what_was_set() {
        let mut settings = Settings::default();
        for key in KEYS {
            let value = settings.get(key).unwrap_or_default();
            assert!(settings.set(key, &value).is_ok(), "{key} = {value}");
        }
        assert_eq!(settings.set("trial_days", "12"), Ok(()));
        assert_eq!(settings.sponsorship.trial, 12 * DAY);
        assert_eq!(settings.set("request_channels", "-100123, général"), Ok(()));
        assert!(settings.is_request_channel("général") && !settings.is_request_channel("autre"));
    }

    #[test]
    fn settings_hold_together_or_say_which_key_does_not() {
        assert_eq!(Settings::default().validate(), Ok(()));
        let none = Settings {
            sponsorship: Sponsorship { quota: 0, ..Settings::default().sponsorship },
            ..Settings::default()
        };
        assert_eq!(none.validate(), Err(Invalid::Range { key: "invite_quota", min: 1, max: 100 }));
        let short = Settings { request_ttl: 3 * DAY, ..Settings::default() };
        assert_eq!(short.validate(), Err(Invalid::NotLonger { key: "request_days", than: "reminder_days" }));
        // What `/config` refuses, `validate` refuses, and the other way round.
        for (key, min, max) in LIMITS {
            let mut settings = Settings::default();
            assert!(settings.set(key, &(min - 1).to_string()).is_err(), "{key} below {min}");
            assert!(settings.set(key, &(max + 1).to_string()).is_err(), "{key} above {max}");
        }
    }

    #[test]
    fn refuses_unknown_keys_and_bad_values() {
        let mut settings = Settings::default();
        assert_eq!(settings.set("colour", "red"), Err(SettingError::Unknown("colour".into())));
        for (key, value) in
            [("sponsors_required", "0"), ("trial_days", "-1"), ("language", "de"), ("invite_quota", "x")]
        {
            assert_eq!(settings.set(key, value), Err(SettingError::Bad(key.into())), "{key}");
        }
        assert_eq!(settings, Settings::default(), "a refused value changes nothing");
        let read =
            settings.with_overrides(&[("trial_days".into(), "nope".into()), ("invite_quota".into(), "2".into())]);
        assert_eq!((read.sponsorship.trial, read.sponsorship.quota), (settings.sponsorship.trial, 2));
    }
}
