//! The command language every adapter shares: French and English command names, `#besoin`
//! and `#offre` hashtags inside ordinary messages, and request channels where any message is
//! a request. Parsing is a pure function from text to [`Command`]; adapters only say where the
//! text was written ([`ChatContext`]).

mod names;

pub use names::{COMMANDS, CommandName, Facts, Takes, Trait};

use crate::identity;
use crate::matching;
use crate::model::{AuditAction, DeclineReason, Lang, MatchId, Platform, PostId, PostKind, Role, Timestamp};
use crate::place::{self, PlaceError};

/// Longest post or reason accepted, in characters: a chat message, not a document.
pub const MAX_TEXT_CHARS: usize = 1_000;

/// Where a message was written, as far as parsing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatContext {
    /// A private conversation with the bot.
    Private,
    /// A group chat; in a request channel every message is a request.
    Group {
        /// Whether the community configured this chat as a request channel.
        request_channel: bool,
    },
}

/// What `/adopter` asks: adopting the people who were in the community's groups before the
/// bot came (they are members at once, with no known sponsor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adoption {
    /// Whether a window is open, and until when.
    Status,
    /// Admins: for this many days, whoever writes in a group is adopted, and the apps that
    /// can list their groups' members adopt them all.
    Open(u32),
    /// Admins: close the window.
    Close,
    /// Moderators: adopt one account of the app they write from (its id there), under a
    /// name when one is given.
    Account {
        /// The account's id on the app (a Telegram number, a Discord id or mention, a
        /// Matrix id).
        id: String,
        /// The name to know them by.
        name: Option<String>,
    },
}

/// Days an adoption window stays open unless the admin says otherwise.
pub const ADOPTION_DAYS: u32 = 7;

/// `/adopter`'s arguments: nothing, `ouvrir [JOURS]`, `fermer`, or `COMPTE [NOM]`.
fn adoption(args: &str) -> Option<Adoption> {
    let mut words = args.split_whitespace();
    let Some(first) = words.next() else { return Some(Adoption::Status) };
    let rest: Vec<&str> = words.collect();
    match first.to_lowercase().as_str() {
        "ouvrir" | "open" => match rest.as_slice() {
            [] => Some(Adoption::Open(ADOPTION_DAYS)),
            [days] => {
                let days = days.trim_end_matches(['j', 'd']).parse::<u32>().ok()?;
                (1..=30).contains(&days).then_some(Adoption::Open(days))
            }
            _ => None,
        },
        "fermer" | "close" if rest.is_empty() => Some(Adoption::Close),
        _ if first.chars().count() > 255 => None,
        _ => {
            let name = identity::clean(&rest.join(" "));
            if name.chars().count() > identity::MAX_NAME_CHARS {
                return None;
            }
            Some(Adoption::Account { id: first.to_owned(), name: (!name.is_empty()).then_some(name) })
        }
    }
}

/// What a member asked the bot to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// List the commands.
    Help,
    /// Post a request.
    Need(String),
    /// Post an offer.
    Offer(String),
    /// Create an invitation code, optionally saying whom it is for.
    Invite(Option<String>),
    /// Redeem an invitation code (as typed).
    Join(String),
    /// Say yes in the help loop: a helper accepts, or a requester confirms.
    Accept(MatchId),
    /// Say no in the help loop; a helper may say why ("not now", "not what I offer").
    Decline(MatchId, Option<DeclineReason>),
    /// An offer is proposed again for the needs its author said it is not about.
    Rematch(PostId),
    /// Write to the other side of a relay (a match both sides consented to).
    Reply {
        /// The match.
        id: MatchId,
        /// What to pass on.
        text: String,
    },
    /// Give one's contact to the other side of a match.
    Share(MatchId),
    /// End a relay.
    EndRelay(MatchId),
    /// The requester says how long they were helped for a request closed as done.
    Time {
        /// The request.
        request: PostId,
        /// How long, in minutes.
        minutes: i64,
    },
    /// One's time-credit balance and history.
    Balance,
    /// Moderators: community news, shown in every group at once.
    Announce(String),
    /// Members: propose an alert (a closure, a collection…) for moderators to publish.
    Alert(String),
    /// Moderators: publish a proposed alert.
    Publish(i64),
    /// Moderators: take an announcement down everywhere.
    Withdraw(i64),
    /// Moderators: compensate a time-credit transaction.
    CorrectCredit {
        /// The transaction.
        transfer: i64,
        /// Why (required).
        reason: String,
    },
    /// A request was met.
    Done(PostId),
    /// A request was met, and the requester thanks the helper.
    Thanks(PostId),
    /// A request in contact is still not met: open it again.
    StillOpen(PostId),
    /// Close one's own post (or any post, for a moderator).
    Close(PostId),
    /// Keep one's request open for another period.
    Renew(PostId),
    /// List one's open posts and pending proposals.
    Mine,
    /// Set one's city or neighbourhood (`None` clears it).
    Place(Option<String>),
    /// Set the language the bot speaks.
    Language(Lang),
    /// Moderators: ban a member on every platform.
    Ban {
        /// `#id` or display name.
        target: String,
        /// Why (required).
        reason: String,
    },
    /// Moderators: read the audit log, filtered.
    Audit(AuditFilter),
    /// Revoke an invitation code (its sponsor, or a moderator).
    Revoke(String),
    /// Moderators: withdraw a member's right to invite.
    WithdrawInvites {
        /// `#id` or display name.
        target: String,
        /// Why (required).
        reason: String,
    },
    /// Moderators: give a member back the right to invite.
    RestoreInvites(String),
    /// Link another platform account: without a code, get one; with a code, use it.
    Link(Option<String>),
    /// Unlink one's account on a platform.
    Unlink(Platform),
    /// Vouch for a candidate (`#id` or display name).
    Vouch(String),
    /// Ask to join without an invitation.
    Apply,
    /// Moderators: the candidates and their vouches.
    Candidates,
    /// Moderators: let in a held join.
    Approve(i64),
    /// Moderators: turn away a held join.
    Reject(i64),
    /// Moderators: the joins waiting for them.
    Held,
    /// Adopting the people who were in the groups before the bot came.
    Adopt(Adoption),
    /// Moderators: a member's record and sponsor tree, page by page.
    Record {
        /// `#id` or display name.
        target: String,
        /// Page of the tree, from 1.
        page: u32,
    },
    /// Moderators: warn a member (warnings pile up into a suspension).
    Warn {
        /// `#id` or display name.
        target: String,
        /// Why (required).
        reason: String,
    },
    /// Moderators: suspend a member for a while, on every platform.
    Suspend {
        /// `#id` or display name.
        target: String,
        /// For how long, in seconds.
        duration: i64,
        /// Why (required).
        reason: String,
    },
    /// Moderators: lift a suspension or a ban.
    Lift {
        /// `#id` or display name.
        target: String,
        /// Why (required).
        reason: String,
    },
    /// Report a post or a member to the moderators.
    Report {
        /// What is reported.
        subject: ReportSubject,
        /// Why (required).
        reason: String,
    },
    /// Moderators: the reports waiting for them.
    Reports,
    /// Moderators: take a report (others see who handles it).
    Take(i64),
    /// Moderators: uphold a report, acting on it.
    Resolve {
        /// The report.
        id: i64,
        /// What is done.
        action: Resolution,
        /// Why (required).
        reason: String,
    },
    /// Moderators: dismiss a report.
    Dismiss {
        /// The report.
        id: i64,
        /// Why (required).
        reason: String,
    },
    /// Moderators: hide a post.
    Hide {
        /// The post.
        post: PostId,
        /// Why (required).
        reason: String,
    },
    /// Admins: change a member's role.
    SetRole {
        /// `#id` or display name.
        target: String,
        /// The new role.
        role: Role,
    },
    /// Admins: show the settings, or change one (`None`: back to the configuration file's).
    Config(Option<(String, Option<String>)>),
    /// Moderators: statistics over the last days.
    Stats(u32),
    /// A member's own data, as a JSON file.
    MyData,
    /// Erase one's personal data; `true` once confirmed.
    DeleteMe(bool),
    /// Moderators: messages the bot could not deliver (parked).
    Undelivered,
    /// Moderators: try a parked message again.
    Resend(i64),
    /// Moderators: a one-time link to the dashboard (`false`), or every dashboard session
    /// of theirs ended (`true`).
    Dashboard(bool),
    /// Relais: a post for someone on no platform.
    OnBehalf {
        /// The person's name (or how the relais refers to them).
        name: String,
        /// Request or offer.
        kind: PostKind,
        /// Their words, as the relais writes them.
        text: String,
    },
}

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportSubject {
    /// A post, by number.
    Post(PostId),
    /// A member, by `@name` or `#id`.
    Member(String),
}

/// What a moderator does when upholding a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Warn the reported member.
    Warn,
    /// Suspend them for this many seconds.
    Suspend(i64),
    /// Ban them.
    Ban,
    /// Hide the reported post.
    Hide,
    /// Nothing beyond agreeing (e.g. already handled).
    Nothing,
}

/// A time in a filter: a date, or a span before now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// This moment (a date at midnight UTC).
    At(Timestamp),
    /// This many seconds before now.
    Ago(i64),
}

impl When {
    /// The moment, given now.
    pub fn resolve(self, now: Timestamp) -> Timestamp {
        match self {
            When::At(at) => at,
            When::Ago(span) => now.saturating_sub(span),
        }
    }
}

/// Which audit entries `/journal` shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditFilter {
    /// Done to this member (`@name` or `#id`).
    pub target: Option<String>,
    /// Done by this member.
    pub actor: Option<String>,
    /// This kind of action.
    pub action: Option<AuditAction>,
    /// At or after.
    pub since: Option<When>,
    /// Before.
    pub until: Option<When>,
    /// Page, from 1.
    pub page: u32,
}

/// Why a message could not be read as a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// `/something` that is no command.
    Unknown(String),
    /// A known command with missing or malformed arguments.
    Usage(CommandName),
    /// A text longer than [`MAX_TEXT_CHARS`].
    TooLong(CommandName),
    /// `/lieu` with what is no city or neighbourhood (an address, a phone number…).
    Place(PlaceError),
}

/// The result of reading one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A command to run.
    Command(Command),
    /// Not for the bot (ordinary group chat).
    Ignored,
    /// Plain text in a private chat that is no command: the member gets a hint.
    NotUnderstood,
    /// A malformed command: the member gets its usage.
    Error(ParseError),
}

/// The language a command was typed in, when its name says so (`/join` is English,
/// `/rejoindre` French); used for people whose language the bot does not know yet.
pub fn language_of(text: &str) -> Option<Lang> {
    let rest = text.trim().strip_prefix(['/', '!'])?;
    let word = rest.split(|c: char| c.is_whitespace() || c == '@').next()?.to_lowercase();
    let facts = names::COMMANDS.iter().find(|facts| facts.fr == word || facts.en == word)?;
    match (facts.fr == word, facts.en == word) {
        (true, false) => Some(Lang::Fr),
        (false, true) => Some(Lang::En),
        _ => None,
    }
}

/// Reads one message.
/// The command a text starts with (`/signaler …` → Report), if it is one.
pub fn command_name(text: &str) -> Option<CommandName> {
    let word = text.trim().strip_prefix(['/', '!'])?.split_whitespace().next()?;
    CommandName::lookup(&word.split('@').next().unwrap_or_default().to_lowercase())
}

pub fn parse(text: &str, context: ChatContext) -> Parsed {
    let trimmed = text.trim();
    // A command's name starts with a letter: "!", "!!" or "/ 3" are words, not commands.
    if let Some(rest) = trimmed.strip_prefix(['/', '!']).filter(|rest| rest.starts_with(char::is_alphabetic)) {
        let addressed = rest.split_whitespace().next().is_some_and(|word| word.contains('@'));
        return match parse_command(rest) {
            Ok(command) => Parsed::Command(command),
            // Another bot's command in a group is none of our business.
            Err(ParseError::Unknown(_)) if context != ChatContext::Private && !addressed => Parsed::Ignored,
            Err(error) => Parsed::Error(error),
        };
    }
    if let Some((name, body)) = find_hashtag(trimmed) {
        return match post_text(name, &body) {
            Ok(text) if name == CommandName::Need => Parsed::Command(Command::Need(text)),
            Ok(text) => Parsed::Command(Command::Offer(text)),
            Err(error) => Parsed::Error(error),
        };
    }
    match context {
        ChatContext::Group { request_channel: true } if !trimmed.is_empty() => {
            match post_text(CommandName::Need, trimmed) {
                Ok(text) => Parsed::Command(Command::Need(text)),
                Err(error) => Parsed::Error(error),
            }
        }
        ChatContext::Private if !trimmed.is_empty() => Parsed::NotUnderstood,
        _ => Parsed::Ignored,
    }
}

/// Reads `name args…` (the slash already removed).
fn parse_command(rest: &str) -> Result<Command, ParseError> {
    let (word, args) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    // `/besoin@EntraideBot` in Telegram groups.
    let word = word.split('@').next().unwrap_or_default().to_lowercase();
    let Some(name) = CommandName::lookup(&word) else {
        // Said back as typed, without what would turn the answer around (a right-to-left
        // override) or hide in it.
        return Err(ParseError::Unknown(identity::clean(&word.chars().take(32).collect::<String>())));
    };
    let usage = ParseError::Usage(name);
    let command = match name {
        // Telegram's deep link `t.me/<bot>?start=CODE` arrives as `/start CODE`.
        CommandName::Help if word == "start" && code_like(args) => Command::Join(args.to_owned()),
        CommandName::Help => Command::Help,
        CommandName::Need => Command::Need(post_text(name, args)?),
        CommandName::Offer => Command::Offer(post_text(name, args)?),
        CommandName::Invite if args.chars().count() > 200 => return Err(ParseError::TooLong(name)),
        CommandName::Invite => {
            let note = identity::clean(args);
            // A note says who it is for: signs alone ("@@@") say nothing, and are a slip.
            if !note.is_empty() && !note.chars().any(char::is_alphanumeric) {
                return Err(usage);
            }
            Command::Invite((!note.is_empty()).then_some(note))
        }
        CommandName::Join if !args.is_empty() && args.len() <= 64 => Command::Join(args.to_owned()),
        CommandName::Join => return Err(usage),
        CommandName::Accept => Command::Accept(number(args).ok_or(usage)?),
        CommandName::Decline => {
            let (id, why) = args.trim().split_once(char::is_whitespace).unwrap_or((args, ""));
            let id = number(id).ok_or(usage.clone())?;
            match why.trim() {
                "" => Command::Decline(id, None),
                why => Command::Decline(id, Some(decline_reason(why).ok_or(usage)?)),
            }
        }
        CommandName::Rematch => Command::Rematch(number(args).ok_or(usage)?),
        CommandName::Reply => {
            let (id, text) = args.split_once(char::is_whitespace).ok_or(usage.clone())?;
            let (id, text) = (number(id).ok_or(usage.clone())?, text.trim());
            if text.is_empty() {
                return Err(usage);
            }
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(ParseError::TooLong(name));
            }
            Command::Reply { id, text: text.to_owned() }
        }
        CommandName::Share => Command::Share(number(args).ok_or(usage)?),
        CommandName::EndRelay => Command::EndRelay(number(args).ok_or(usage)?),
        CommandName::Time => {
            let (request, hours) = args.split_once(char::is_whitespace).ok_or(usage.clone())?;
            let minutes = hours_to_minutes(hours).ok_or(usage.clone())?;
            Command::Time { request: number(request).ok_or(usage)?, minutes }
        }
        CommandName::Balance => Command::Balance,
        CommandName::Announce => Command::Announce(post_text(name, args)?),
        CommandName::Alert => Command::Alert(post_text(name, args)?),
        CommandName::Publish => Command::Publish(number(args).ok_or(usage)?),
        CommandName::Withdraw => Command::Withdraw(number(args).ok_or(usage)?),
        CommandName::CorrectCredit => {
            let (id, reason) = target_and_reason(name, args)?;
            Command::CorrectCredit { transfer: number(&id).ok_or(usage)?, reason }
        }
        CommandName::Done => Command::Done(number(args).ok_or(usage)?),
        CommandName::Thanks => Command::Thanks(number(args).ok_or(usage)?),
        CommandName::StillOpen => Command::StillOpen(number(args).ok_or(usage)?),
        CommandName::Close => Command::Close(number(args).ok_or(usage)?),
        CommandName::Renew => Command::Renew(number(args).ok_or(usage)?),
        CommandName::Mine => Command::Mine,
        CommandName::Place => Command::Place(place(args)?),
        CommandName::Language => Command::Language(language(args).ok_or(usage)?),
        CommandName::Ban | CommandName::WithdrawInvites | CommandName::Warn | CommandName::Lift => {
            let (target, reason) = target_and_reason(name, args)?;
            match name {
                CommandName::Ban => Command::Ban { target, reason },
                CommandName::Warn => Command::Warn { target, reason },
                CommandName::Lift => Command::Lift { target, reason },
                _ => Command::WithdrawInvites { target, reason },
            }
        }
        CommandName::Suspend => {
            let (target, rest) = target_and_reason(name, args)?;
            let (span, reason) = rest.split_once(char::is_whitespace).ok_or(usage.clone())?;
            let duration = suspension(span).ok_or(usage)?;
            Command::Suspend { target, duration, reason: reason.trim().to_owned() }
        }
        CommandName::Report => {
            let (subject, reason) = target_and_reason(name, args)?;
            let subject = match number(&subject) {
                Some(post) if !subject.starts_with('@') => ReportSubject::Post(post),
                _ => ReportSubject::Member(subject),
            };
            Command::Report { subject, reason }
        }
        CommandName::Reports => Command::Reports,
        CommandName::Take => Command::Take(number(args).ok_or(usage)?),
        CommandName::Dismiss | CommandName::Hide => {
            let (id, reason) = target_and_reason(name, args)?;
            let id = number(&id).ok_or(usage)?;
            if name == CommandName::Hide { Command::Hide { post: id, reason } } else { Command::Dismiss { id, reason } }
        }
        CommandName::Resolve => {
            let (id, rest) = target_and_reason(name, args)?;
            let id = number(&id).ok_or(usage.clone())?;
            let (word, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest.as_str(), ""));
            let (action, reason) = match word.to_lowercase().as_str() {
                "avertir" | "warn" => (Resolution::Warn, rest),
                "bannir" | "ban" => (Resolution::Ban, rest),
                "masquer" | "hide" => (Resolution::Hide, rest),
                "rien" | "aucune" | "none" | "nothing" => (Resolution::Nothing, rest),
                "suspendre" | "suspend" => {
                    let (span, reason) = rest.split_once(char::is_whitespace).ok_or(usage.clone())?;
                    (Resolution::Suspend(suspension(span).ok_or(usage.clone())?), reason)
                }
                _ => return Err(usage),
            };
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(usage);
            }
            Command::Resolve { id, action, reason: reason.to_owned() }
        }
        CommandName::SetRole => {
            let (target, role) = args.rsplit_once(char::is_whitespace).ok_or(usage.clone())?;
            let role = match role.to_lowercase().as_str() {
                "membre" | "member" => Role::Member,
                "relais" | "relay" => Role::Relay,
                "moderateur" | "modérateur" | "moderatrice" | "modératrice" | "moderator" => Role::Moderator,
                "admin" | "administrateur" | "administratrice" => Role::Admin,
                _ => return Err(usage),
            };
            let target = target.trim();
            if target.is_empty() || target.len() > 64 {
                return Err(usage);
            }
            Command::SetRole { target: target.to_owned(), role }
        }
        CommandName::Config if args.is_empty() => Command::Config(None),
        CommandName::Config => {
            let (key, value) = args.split_once(char::is_whitespace).ok_or(usage.clone())?;
            let value = value.trim();
            if value.chars().count() > 500 {
                return Err(ParseError::TooLong(name));
            }
            let value = match value.to_lowercase().as_str() {
                "defaut" | "défaut" | "default" => None,
                _ => Some(value.to_owned()),
            };
            Command::Config(Some((key.to_lowercase().replace('-', "_"), value)))
        }
        CommandName::Stats if args.is_empty() => Command::Stats(30),
        CommandName::Stats => {
            let days = duration(args).map(|d| d / 86_400).or_else(|| args.parse::<i64>().ok()).ok_or(usage.clone())?;
            Command::Stats(u32::try_from(days).ok().filter(|d| (1..=3660).contains(d)).ok_or(usage)?)
        }
        CommandName::MyData => Command::MyData,
        CommandName::Undelivered => Command::Undelivered,
        CommandName::Dashboard => match args.to_lowercase().as_str() {
            "" => Command::Dashboard(false),
            "fin" | "end" | "stop" => Command::Dashboard(true),
            _ => return Err(usage),
        },
        CommandName::Resend => Command::Resend(number(args).ok_or(usage)?),
        CommandName::DeleteMe => match args.to_lowercase().as_str() {
            "" => Command::DeleteMe(false),
            "confirmer" | "confirm" => Command::DeleteMe(true),
            _ => return Err(usage),
        },
        CommandName::OnBehalf => {
            let words: Vec<&str> = args.split_whitespace().collect();
            let at = words
                .iter()
                .position(|w| {
                    matches!(w.trim_start_matches('#').to_lowercase().as_str(), "besoin" | "need" | "offre" | "offer")
                })
                .ok_or(usage.clone())?;
            let kind = match words[at].trim_start_matches('#').to_lowercase().as_str() {
                "besoin" | "need" => PostKind::Request,
                _ => PostKind::Offer,
            };
            // A name someone may later be looked up by: nothing invisible in it.
            let person = identity::clean(&words[..at].join(" "));
            if person.is_empty() || person.chars().count() > 64 {
                return Err(usage);
            }
            let post_name = if kind == PostKind::Request { CommandName::Need } else { CommandName::Offer };
            let text = post_text(post_name, &words[at + 1..].join(" ")).map_err(|_| usage)?;
            Command::OnBehalf { name: person, kind, text }
        }
        CommandName::Audit => Command::Audit(audit_filter(args).ok_or(usage)?),
        CommandName::Revoke if !args.is_empty() && args.len() <= 64 => Command::Revoke(args.to_owned()),
        CommandName::Revoke => return Err(usage),
        CommandName::RestoreInvites if !args.is_empty() && args.len() <= 64 => Command::RestoreInvites(args.to_owned()),
        CommandName::RestoreInvites => return Err(usage),
        CommandName::Link if args.is_empty() => Command::Link(None),
        CommandName::Link if args.len() <= 32 => Command::Link(Some(args.to_owned())),
        CommandName::Link => return Err(usage),
        CommandName::Vouch if !args.is_empty() && args.len() <= 64 => Command::Vouch(args.to_owned()),
        CommandName::Vouch => return Err(usage),
        CommandName::Apply => Command::Apply,
        CommandName::Approve => Command::Approve(number(args).ok_or(usage)?),
        CommandName::Reject => Command::Reject(number(args).ok_or(usage)?),
        CommandName::Held => Command::Held,
        CommandName::Adopt => Command::Adopt(adoption(args).ok_or(usage)?),
        CommandName::Record => {
            // A name may have several words; a last word that is a number is the page.
            let (target, page) = match args.rsplit_once(char::is_whitespace) {
                Some((name, page)) if page.parse::<u32>().is_ok() => (name.trim(), page.parse().unwrap_or(1)),
                _ => (args, 1),
            };
            if target.is_empty() || target.len() > 64 || page == 0 || page >= 10_000 {
                return Err(usage);
            }
            Command::Record { target: target.to_owned(), page }
        }
        CommandName::Candidates => Command::Candidates,
        CommandName::Unlink => {
            Command::Unlink(Platform::parse(&args.to_lowercase()).filter(|p| *p != Platform::Console).ok_or(usage)?)
        }
    };
    Ok(command)
}

/// Whether a `/start` payload is an invitation code (letters, digits and dashes, code length).
fn code_like(args: &str) -> bool {
    let compact: String = args.chars().filter(|c| *c != '-').collect();
    (12..=20).contains(&compact.len()) && compact.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `TARGET REASON…`: a first word, and a reason that must be there and not too long.
fn target_and_reason(name: CommandName, args: &str) -> Result<(String, String), ParseError> {
    let (target, reason) = args.split_once(char::is_whitespace).ok_or(ParseError::Usage(name))?;
    let reason = reason.trim();
    if reason.is_empty() || target.len() > 64 {
        return Err(ParseError::Usage(name));
    }
    if reason.chars().count() > MAX_TEXT_CHARS {
        return Err(ParseError::TooLong(name));
    }
    Ok((target.to_owned(), reason.to_owned()))
}

/// The longest span a command takes (a suspension, a `/stats` period, a `/journal` filter):
/// ten years, longer than any community has existed. Beyond it, the usage line.
pub const MAX_SPAN_SECONDS: i64 = 3_660 * 86_400;

/// The longest suspension: a year; beyond that, a moderator bans.
pub const MAX_SUSPENSION_SECONDS: i64 = 366 * 86_400;

/// A span as people type it: `7j`, `7d`, `12h`, `30min`, `2sem`, `2w`; at most
/// [`MAX_SPAN_SECONDS`]. The arithmetic is checked: a number near the integer limits is
/// refused like any other span too long, never wrapped or panicked on.
pub fn duration(text: &str) -> Option<i64> {
    let text = text.trim().to_lowercase();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let number: i64 = number.parse().ok().filter(|n| *n > 0)?;
    let unit = match unit {
        "min" | "m" => 60,
        "h" => 3_600,
        "j" | "d" | "jours" | "days" => 86_400,
        "sem" | "w" => 7 * 86_400,
        _ => return None,
    };
    number.checked_mul(unit).filter(|span| *span <= MAX_SPAN_SECONDS)
}

/// A suspension's span: a [`duration`] of at most [`MAX_SUSPENSION_SECONDS`].
fn suspension(text: &str) -> Option<i64> {
    duration(text).filter(|span| *span <= MAX_SUSPENSION_SECONDS)
}

/// `2026-11-24` as the timestamp of its midnight, UTC (days that exist, from 1970).
pub fn date(text: &str) -> Option<Timestamp> {
    crate::calendar::parse_date(text).filter(|at| *at >= 0)
}

/// `/journal` filters: `@name` or `#id` (to whom), `par:`/`by:` (who), `action:ban`,
/// `depuis:`/`since:` and `avant:`/`before:` (a date or a span), and a page number.
fn audit_filter(args: &str) -> Option<AuditFilter> {
    let mut filter = AuditFilter { page: 1, ..AuditFilter::default() };
    let when = |value: &str| duration(value).map(When::Ago).or_else(|| date(value).map(When::At));
    for word in args.split_whitespace() {
        match word.split_once(':') {
            Some(("par" | "by", who)) if !who.is_empty() => filter.actor = Some(who.to_owned()),
            Some(("action", action)) => filter.action = Some(AuditAction::parse(&action.to_lowercase())?),
            Some(("depuis" | "since", value)) => filter.since = Some(when(value)?),
            Some(("avant" | "before" | "until", value)) => filter.until = Some(when(value)?),
            Some(_) => return None,
            None => match word.parse::<u32>() {
                Ok(page) if (1..10_000).contains(&page) => filter.page = page,
                _ if word.len() <= 64 => filter.target = Some(word.to_owned()),
                _ => return None,
            },
        }
    }
    Some(filter)
}

/// A request marked by one of a community's own hashtags (`/config request_hashtags
/// entraide,urgent`): the text without the tag, when one is there as a word.
pub fn tagged_request(text: &str, tags: &[String]) -> Option<Result<String, ParseError>> {
    let mut found = false;
    let mut rest = Vec::new();
    for word in text.split_whitespace() {
        let tag = word.strip_prefix('#').map(|tag| tag.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
        match tag {
            Some(tag) if tags.iter().any(|t| t.trim_start_matches('#').to_lowercase() == tag) => found = true,
            _ => rest.push(word),
        }
    }
    found.then(|| post_text(CommandName::Need, &rest.join(" ")))
}

/// Finds `#besoin`/`#need`/`#offre`/`#offer` as a word; returns the text without it.
fn find_hashtag(text: &str) -> Option<(CommandName, String)> {
    let mut found = None;
    let mut rest = Vec::new();
    for word in text.split_whitespace() {
        let tag = word.strip_prefix('#').map(|tag| tag.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
        let name = match tag.as_deref() {
            Some("besoin" | "need") => Some(CommandName::Need),
            Some("offre" | "offer") => Some(CommandName::Offer),
            _ => None,
        };
        match (found, name) {
            (None, Some(name)) => found = Some(name),
            (Some(_), Some(_)) => {}
            _ => rest.push(word),
        }
    }
    found.map(|name| (name, rest.join(" ")))
}

/// Checks a post's text: not empty, not too long.
fn post_text(name: CommandName, text: &str) -> Result<String, ParseError> {
    let text = text.trim();
    if text.chars().all(|c| !c.is_alphanumeric()) {
        return Err(ParseError::Usage(name));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ParseError::TooLong(name));
    }
    Ok(text.to_owned())
}

/// Hours as people write them (`2`, `1,5`, `1.5`, `1h30`, `45min`), in minutes: more than
/// nothing, a day at most.
fn hours_to_minutes(text: &str) -> Option<i64> {
    let text = text.trim().to_lowercase().replace(',', ".");
    let minutes = if let Some(minutes) = text.strip_suffix("min") {
        minutes.trim().parse::<f64>().ok()?
    } else if let Some((hours, minutes)) = text.split_once('h') {
        let minutes = if minutes.trim().is_empty() { 0.0 } else { minutes.trim().parse::<f64>().ok()? };
        hours.trim().parse::<f64>().ok()? * 60.0 + minutes
    } else {
        text.parse::<f64>().ok()? * 60.0
    };
    let minutes = minutes.round();
    (minutes.is_finite() && (1.0..=1_440.0).contains(&minutes)).then_some(minutes as i64)
}

/// Why a helper says no, in the words they may type or a button sends: "maintenant",
/// "pas maintenant", "plus tard" / "not now", "later"; "pas pour moi", "pas mon offre" /
/// "not mine", "not for me", "not what I offer".
fn decline_reason(words: &str) -> Option<DeclineReason> {
    let folded: String = matching::fold(words).chars().filter(|c| c.is_alphanumeric()).collect();
    let folded = folded.strip_prefix("pas").or_else(|| folded.strip_prefix("not")).unwrap_or(&folded);
    match folded {
        "maintenant" | "plustard" | "now" | "later" | "occupe" | "busy" | "cettefois" | "thistime" => {
            Some(DeclineReason::NotNow)
        }
        "pourmoi" | "monoffre" | "cequejepropose" | "mine" | "forme" | "myoffer" | "whatioffer" | "horssujet"
        | "offtopic" => Some(DeclineReason::NotMine),
        _ => None,
    }
}

/// The command that declines ask `id` for `reason`, as a member of `lang` would type it
/// (what the ask's buttons send): `/refuser 3 pas-pour-moi`, `/decline 3 not-mine`.
pub fn decline_with(lang: Lang, id: i64, reason: DeclineReason) -> String {
    let word = match (lang, reason) {
        (Lang::Fr, DeclineReason::NotNow) => "pas-maintenant",
        (Lang::Fr, DeclineReason::NotMine) => "pas-pour-moi",
        (Lang::En, DeclineReason::NotNow) => "not-now",
        (Lang::En, DeclineReason::NotMine) => "not-mine",
    };
    format!("/{} {id} {word}", CommandName::Decline.word(lang))
}

/// A post or match number, with or without `#`.
fn number(args: &str) -> Option<i64> {
    let args = args.trim().trim_start_matches('#');
    if args.is_empty() || args.len() > 18 {
        return None;
    }
    args.parse().ok().filter(|n: &i64| *n > 0)
}

/// A place: a city or neighbourhood ("Lyon 3e", "Paris 75011"), or "aucun"/"none". An
/// address, building details or contact details are refused with why ([`place::check`]).
fn place(args: &str) -> Result<Option<String>, ParseError> {
    let cleaned = identity::clean(args);
    match cleaned.to_lowercase().as_str() {
        "" => Err(ParseError::Usage(CommandName::Place)),
        "aucun" | "aucune" | "none" | "-" => Ok(None),
        _ => place::check(args).map(Some).map_err(ParseError::Place),
    }
}

/// `fr`, `français`, `en`, `english`…
fn language(args: &str) -> Option<Lang> {
    match args.trim().to_lowercase().as_str() {
        "fr" | "français" | "francais" | "french" => Some(Lang::Fr),
        "en" | "english" | "anglais" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
