//! Why the bot said no: the closed set of refusals a member is told, each rendered through
//! the catalog in their language. Internal causes (a store failure) stay apart, in the
//! service's `Failure`.

use crate::calendar::format_date;
use crate::catalog::{self, Arg};
use crate::command::{CommandName, ParseError};
use crate::model::{Lang, MemberId, Platform, Timestamp};
use crate::settings::SettingError;

/// Why the bot said no: the closed set of things a member is told, through the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The account belongs to no member yet.
    NotMember,
    /// The member is banned: they can do nothing.
    Banned,
    /// The member is suspended.
    Suspended,
    /// Still a candidate: not enough members vouched yet.
    Candidate,
    /// A moderator-only command from someone else.
    NotModerator,
    /// The account is already a member's.
    AlreadyMember,
    /// The text cannot be an invitation code.
    MalformedCode,
    /// No invitation has this code.
    UnknownCode,
    /// The invitation was already redeemed.
    CodeUsed,
    /// The invitation expired.
    CodeExpired,
    /// The sponsor is no longer in good standing, so the invitation no longer stands.
    SponsorNotActive,
    /// The invitation was revoked.
    CodeRevoked,
    /// New members cannot invite before their trial ends.
    OnTrial {
        /// When the trial ends.
        until: Timestamp,
    },
    /// A moderator withdrew the member's right to invite.
    InvitesWithdrawn(String),
    /// The sponsor used every invitation of the period.
    QuotaExhausted {
        /// How many per period.
        quota: u32,
        /// When one becomes available again.
        renews_at: Timestamp,
    },
    /// The invitation is not the member's to revoke.
    NotYourInvitation,
    /// The invitation was used or revoked already.
    CannotRevoke,
    /// No such link code, or it was used.
    UnknownLinkCode,
    /// The link code expired.
    LinkCodeExpired,
    /// This account is already linked to this member.
    AlreadyLinked,
    /// This account belongs to another member.
    AccountOfAnotherMember,
    /// The member has no account on that platform.
    NoAccountThere(crate::model::Platform),
    /// A member keeps at least one account.
    LastAccount,
    /// The member named is not a candidate.
    NotACandidate(String),
    /// Nobody vouches for themself.
    SelfVouch,
    /// No held join with that number waits.
    UnknownHeldJoin(i64),
    /// A code typed in a group chat, where everyone sees it.
    CodeInGroup,
    /// A member vouches once per candidate.
    AlreadyVouched(String),
    /// No such post, or not in this community.
    UnknownPost(i64),
    /// No such match, or not one of the member's.
    UnknownMatch(i64),
    /// The post is not the member's own.
    NotYourPost(i64),
    /// The post is not a request (e.g. `/fait` on an offer).
    NotARequest(i64),
    /// The post is already finished.
    PostFinished(i64),
    /// The match is not waiting for this member's answer.
    MatchNotWaiting(i64),
    /// The other side of the proposal is no longer in good standing.
    PartnerUnavailable,
    /// No member by that name or number.
    UnknownMember(String),
    /// Several members have that name: use the number.
    AmbiguousMember(String, Vec<MemberId>),
    /// A moderator cannot sanction themself.
    SelfSanction,
    /// Only an admin may sanction a moderator or admin.
    TargetOutranks,
    /// The member is already banned.
    AlreadyBanned,
    /// An admin-only command from someone else.
    NotAdmin,
    /// Lifting a sanction from someone neither suspended nor banned.
    NotSanctioned(String),
    /// No report with that number in this community.
    UnknownReport(i64),
    /// The report was settled already.
    ReportSettled(i64),
    /// Nobody reports themself or their own post.
    SelfReport,
    /// Nobody changes their own role.
    SelfRole,
    /// Only a relais (or a moderator) posts for someone else.
    NotRelay,
    /// `/resoudre N masquer` on a report about a member, not a post.
    NotAPostReport(i64),
    /// The conversation is not open: not confirmed by both yet, or ended.
    RelayNotOpen(i64),
    /// The community does not count time.
    CreditsOff,
    /// Time is said for a request closed as done with someone put in touch.
    TimeNotDue(i64),
    /// The request's time was recorded already.
    AlreadyPaid(i64),
    /// No time-credit transaction with that number in this community.
    UnknownTransfer(i64),
    /// That transaction was corrected already.
    AlreadyCorrected(i64),
    /// No such announcement waiting or shown.
    UnknownAnnouncement(i64),
    /// No parked message with that number for this community.
    UnknownUndelivered(i64),
    /// No such setting.
    UnknownSetting(String),
    /// A setting's value is out of range or malformed.
    BadSetting(String),
    /// What was given as an account's id on a platform has not that platform's shape.
    BadAccountId(Platform),
    /// A malformed command.
    Parse(ParseError),
    /// Someone else changed the same thing at the same moment.
    Conflict,
    /// The store failed (a full disk, a lost server): nothing was recorded.
    NotRecorded,
    /// A bug while handling the message (contained and logged).
    Internal,
    /// `/tableau` where the operator has not set up the dashboard (`[web]`).
    DashboardOff,
    /// No dashboard link has this address.
    DashboardLinkUnknown,
    /// The dashboard link was used already.
    DashboardLinkUsed,
    /// The dashboard link has expired.
    DashboardLinkExpired,
    /// No live dashboard session: signed out, idle too long, or past its day.
    DashboardSessionOver,
}

impl From<SettingError> for Refusal {
    fn from(error: SettingError) -> Self {
        match error {
            SettingError::Unknown(key) => Refusal::UnknownSetting(key),
            SettingError::Bad(key) => Refusal::BadSetting(key),
        }
    }
}

impl Refusal {
    /// Whether it says a member's name or number named nobody, or several people: a search
    /// that is told so is asked again.
    pub fn is_about_a_name(&self) -> bool {
        matches!(self, Refusal::UnknownMember(_) | Refusal::AmbiguousMember(..))
    }

    /// The message the member reads, in their language.
    pub fn render(&self, lang: Lang) -> String {
        let t = |id: &str, args: &[Arg<'_>]| catalog::text(lang, id, args);
        match self {
            Refusal::NotMember => t("refusal-not-member", &[]),
            Refusal::Banned => t("refusal-banned", &[]),
            Refusal::Suspended => t("refusal-suspended", &[]),
            Refusal::Candidate => t("refusal-candidate", &[]),
            Refusal::NotModerator => t("refusal-not-moderator", &[]),
            Refusal::DashboardOff => t("refusal-dashboard-off", &[]),
            Refusal::DashboardLinkUnknown => t("refusal-dashboard-link-unknown", &[]),
            Refusal::DashboardLinkUsed => t("refusal-dashboard-link-used", &[]),
            Refusal::DashboardLinkExpired => t("refusal-dashboard-link-expired", &[]),
            Refusal::DashboardSessionOver => t("refusal-dashboard-session-over", &[]),
            Refusal::AlreadyMember => t("refusal-already-member", &[]),
            Refusal::MalformedCode => t("refusal-malformed-code", &[]),
            Refusal::UnknownCode => t("refusal-unknown-code", &[]),
            Refusal::CodeUsed => t("refusal-code-used", &[]),
            Refusal::CodeExpired => t("refusal-code-expired", &[]),
            Refusal::SponsorNotActive => t("refusal-sponsor-not-active", &[]),
            Refusal::CodeRevoked => t("refusal-code-revoked", &[]),
            Refusal::OnTrial { until } => t("refusal-on-trial", &[("date", format_date(*until).into())]),
            Refusal::InvitesWithdrawn(reason) => t("refusal-invites-withdrawn", &[("reason", reason.as_str().into())]),
            Refusal::QuotaExhausted { quota, renews_at } => t(
                "refusal-quota-exhausted",
                &[("quota", i64::from(*quota).into()), ("date", format_date(*renews_at).into())],
            ),
            Refusal::NotYourInvitation => t("refusal-not-your-invitation", &[]),
            Refusal::CannotRevoke => t("refusal-cannot-revoke", &[]),
            Refusal::UnknownLinkCode => t("refusal-unknown-link-code", &[]),
            Refusal::LinkCodeExpired => t("refusal-link-code-expired", &[]),
            Refusal::AlreadyLinked => t("refusal-already-linked", &[]),
            Refusal::AccountOfAnotherMember => t("refusal-account-of-another-member", &[]),
            Refusal::NoAccountThere(platform) => {
                t("refusal-no-account-there", &[("platform", platform.as_str().into())])
            }
            Refusal::LastAccount => t("refusal-last-account", &[]),
            Refusal::NotACandidate(name) => t("refusal-not-a-candidate", &[("name", name.as_str().into())]),
            Refusal::SelfVouch => t("refusal-self-vouch", &[]),
            Refusal::UnknownHeldJoin(id) => t("refusal-unknown-held-join", &[("id", (*id).into())]),
            Refusal::CodeInGroup => t("refusal-code-in-group", &[]),
            Refusal::AlreadyVouched(name) => t("refusal-already-vouched", &[("name", name.as_str().into())]),
            Refusal::UnknownPost(id) => t("refusal-unknown-post", &[("id", (*id).into())]),
            Refusal::UnknownMatch(id) => t("refusal-unknown-match", &[("id", (*id).into())]),
            Refusal::RelayNotOpen(id) => t("refusal-relay-not-open", &[("id", (*id).into())]),
            Refusal::CreditsOff => t("refusal-credits-off", &[]),
            Refusal::TimeNotDue(id) => t("refusal-time-not-due", &[("id", (*id).into())]),
            Refusal::AlreadyPaid(id) => t("refusal-already-paid", &[("id", (*id).into())]),
            Refusal::UnknownTransfer(id) => t("refusal-unknown-transfer", &[("id", (*id).into())]),
            Refusal::AlreadyCorrected(id) => t("refusal-already-corrected", &[("id", (*id).into())]),
            Refusal::UnknownAnnouncement(id) => t("refusal-unknown-announcement", &[("id", (*id).into())]),
            Refusal::NotYourPost(id) => t("refusal-not-your-post", &[("id", (*id).into())]),
            Refusal::NotARequest(id) => t("refusal-not-a-request", &[("id", (*id).into())]),
            Refusal::PostFinished(id) => t("refusal-post-finished", &[("id", (*id).into())]),
            Refusal::MatchNotWaiting(id) => t("refusal-match-not-waiting", &[("id", (*id).into())]),
            Refusal::PartnerUnavailable => t("refusal-partner-unavailable", &[]),
            Refusal::UnknownMember(name) => t("refusal-unknown-member", &[("name", name.as_str().into())]),
            Refusal::AmbiguousMember(name, ids) => {
                let ids = ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
                t("refusal-ambiguous-member", &[("name", name.as_str().into()), ("ids", ids.into())])
            }
            Refusal::SelfSanction => t("refusal-self-sanction", &[]),
            Refusal::TargetOutranks => t("refusal-target-outranks", &[]),
            Refusal::AlreadyBanned => t("refusal-already-banned", &[]),
            Refusal::NotAdmin => t("refusal-not-admin", &[]),
            Refusal::NotSanctioned(name) => t("refusal-not-sanctioned", &[("name", name.as_str().into())]),
            Refusal::UnknownReport(id) => t("refusal-unknown-report", &[("id", (*id).into())]),
            Refusal::ReportSettled(id) => t("refusal-report-settled", &[("id", (*id).into())]),
            Refusal::SelfReport => t("refusal-self-report", &[]),
            Refusal::SelfRole => t("refusal-self-role", &[]),
            Refusal::NotRelay => t("refusal-not-relay", &[]),
            Refusal::NotAPostReport(id) => t("refusal-not-a-post-report", &[("id", (*id).into())]),
            Refusal::UnknownUndelivered(id) => t("refusal-unknown-undelivered", &[("id", (*id).into())]),
            Refusal::UnknownSetting(key) => {
                let keys = crate::settings::KEYS.join(", ");
                t("refusal-unknown-setting", &[("key", key.as_str().into()), ("keys", keys.into())])
            }
            Refusal::BadSetting(key) => t("refusal-bad-setting", &[("key", key.as_str().into())]),
            Refusal::BadAccountId(platform) => t(&format!("refusal-bad-account-id-{platform}"), &[]),
            Refusal::Parse(ParseError::Unknown(word)) => {
                t("refusal-unknown-command", &[("word", word.as_str().into())])
            }
            Refusal::Parse(ParseError::Usage(name)) => name.usage(lang),
            Refusal::Parse(ParseError::TooLong(name)) => {
                let max = crate::command::MAX_TEXT_CHARS as i64;
                format!("{}\n{}", t("refusal-too-long", &[("max", max.into())]), name.usage(lang))
            }
            Refusal::Parse(ParseError::Place(why)) => {
                let max = crate::place::MAX_PLACE_CHARS as i64;
                let why = t(why.catalog_id(), &[("max", max.into())]);
                format!("{}\n{}", t("refusal-place", &[("why", why.into())]), CommandName::Place.usage(lang))
            }
            Refusal::Conflict => t("refusal-conflict", &[]),
            Refusal::NotRecorded => t("refusal-not-recorded", &[]),
            Refusal::Internal => t("refusal-internal", &[]),
        }
    }
}
