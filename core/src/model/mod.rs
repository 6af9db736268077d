//! Domain types: communities, members and their platform accounts, posts, matches,
//! invitations, audit entries and outbound messages. Plain data, no behaviour beyond
//! conversions to and from the short strings the stores persist.

use serde::{Deserialize, Serialize};

mod outgoing;

pub use outgoing::{Choice, OutboxMessage, Outgoing, OutgoingBody};

/// Seconds since the Unix epoch. Every time in Entraide is one of these (UTC).
pub type Timestamp = i64;
/// A community's id in the store.
pub type CommunityId = i64;
/// A member's id: the person, whatever accounts they use.
pub type MemberId = i64;
/// A post's id (request or offer); members type it, so it stays a small number.
pub type PostId = i64;
/// A match's id: one offer proposed for one request; members type it too.
pub type MatchId = i64;
/// An invitation's id.
pub type InvitationId = i64;

/// Declares a closed enum stored as a short lowercase string, which serde (exports, the audit
/// log's JSON) writes the same way: `in_contact` everywhere.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string the stores persist.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses what [`Self::as_str`] wrote.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// A chat platform a member's account lives on.
    Platform {
        /// The local terminal adapter.
        Console => "console",
        /// Telegram.
        Telegram => "telegram",
        /// Matrix.
        Matrix => "matrix",
        /// Discord.
        Discord => "discord",
    }
);

impl Platform {
    /// Platforms where an invitation is the bot inviting a named account (Matrix), rather
    /// than a link the sponsor passes on.
    pub fn invites_by_id(self) -> bool {
        self == Platform::Matrix
    }

    /// Platforms where being in the group is not enough: a role opens it (Discord's member
    /// role), given on each arrival.
    pub fn gates_with_role(self) -> bool {
        self == Platform::Discord
    }

    /// Platforms where a bot may list the people in its groups (Discord's guild members,
    /// Matrix's room members); a Telegram bot may not.
    pub fn lists_members(self) -> bool {
        matches!(self, Platform::Discord | Platform::Matrix)
    }

    /// Platforms whose admission approves a pending join request (Telegram): someone already
    /// in the group has none to approve.
    pub fn admits_by_request(self) -> bool {
        self == Platform::Telegram
    }
}

string_enum!(
    /// The language the bot speaks to someone in.
    Lang {
        /// French, the default.
        Fr => "fr",
        /// English.
        En => "en",
    }
);

string_enum!(
    /// What a member may do beyond asking and offering.
    Role {
        /// An ordinary member.
        Member => "member",
        /// A moderator: sanctions, audit log.
        Moderator => "moderator",
        /// An admin: a moderator who also configures the community.
        Admin => "admin",
        /// A relais: a member who posts for people on no platform (at a neighbourhood office).
        Relay => "relay",
    }
);

string_enum!(
    /// Whether a member may act.
    MemberStatus {
        /// Waiting for enough members to vouch for them (communities asking several sponsors).
        Candidate => "candidate",
        /// In good standing.
        Active => "active",
        /// Temporarily barred.
        Suspended => "suspended",
        /// Removed from the community.
        Banned => "banned",
        /// Erased at their own request: a pseudonym with no personal data left.
        Erased => "erased",
    }
);

string_enum!(
    /// A request (someone needs help) or an offer (someone can help).
    PostKind {
        /// "J'ai besoin de…".
        Request => "request",
        /// "Je peux…".
        Offer => "offer",
    }
);

string_enum!(
    /// What kind of help a post is about.
    Category {
        /// Lending an object.
        Lend => "lend",
        /// Giving something away.
        Give => "give",
        /// A skill or service.
        Skill => "skill",
        /// Time: company, errands, a hand.
        Time => "time",
        /// A car ride.
        Ride => "ride",
        /// A spare room or storage space.
        Room => "room",
        /// Mentoring a young person.
        Mentoring => "mentoring",
        /// Anything else.
        Other => "other",
    }
);

string_enum!(
    /// Where a post is in its life.
    PostState {
        /// Waiting for help (or, for an offer, available).
        Open => "open",
        /// Someone said they can help; the requester has not confirmed yet.
        Proposed => "proposed",
        /// Both sides consented and received each other's contact.
        InContact => "in_contact",
        /// Met: the requester said it is done.
        Done => "done",
        /// Closed without being met, by its author or a moderator.
        Closed => "closed",
        /// Too old.
        Expired => "expired",
        /// Hidden by a moderator.
        Hidden => "hidden",
    }
);

string_enum!(
    /// Where one proposed helper is in the help loop.
    MatchState {
        /// The helper was asked privately whether they can help.
        Asked => "asked",
        /// The helper said yes; the requester must confirm.
        Accepted => "accepted",
        /// The helper said no, or the requester declined them.
        Declined => "declined",
        /// The requester confirmed: contacts were exchanged.
        Confirmed => "confirmed",
    }
);

string_enum!(
    /// Why a helper said no to an ask.
    DeclineReason {
        /// Not now: busy, away; the offer stands.
        NotNow => "not_now",
        /// Not what the offer is about: the matcher was wrong, and the offer is no longer
        /// proposed for requests of that need.
        NotMine => "not_mine",
    }
);

string_enum!(
    /// A moderation (or membership) action written to the audit log.
    AuditAction {
        /// A founder was set up from the configuration.
        Founder => "founder",
        /// A member was banned.
        Ban => "ban",
        /// A member joined with an invitation.
        Join => "join",
        /// A moderator closed someone else's post.
        ClosePost => "close_post",
        /// An invitation was revoked.
        Revoke => "revoke",
        /// A moderator withdrew a member's right to invite.
        WithdrawInvites => "withdraw_invites",
        /// A moderator gave a member back the right to invite.
        RestoreInvites => "restore_invites",
        /// A platform account was linked to a member.
        Link => "link",
        /// A platform account was unlinked from a member.
        Unlink => "unlink",
        /// A member vouched for a candidate.
        Vouch => "vouch",
        /// A candidate gathered enough vouches and became a member.
        Admit => "admit",
        /// Someone asked to join without an invitation.
        Apply => "apply",
        /// Members were imported from a spreadsheet.
        Import => "import",
        /// A moderator let in a join no invitation explained.
        Approve => "approve",
        /// A moderator turned away a join no invitation explained.
        Reject => "reject",
        /// A moderator warned a member.
        Warn => "warn",
        /// A member was suspended (by a moderator, or by warnings piling up).
        Suspend => "suspend",
        /// A suspension or a ban was lifted.
        Lift => "lift",
        /// A moderator upheld a report.
        Uphold => "uphold",
        /// A moderator dismissed a report.
        Dismiss => "dismiss",
        /// A moderator hid a post.
        HidePost => "hide_post",
        /// An admin changed a member's role.
        SetRole => "set_role",
        /// An admin changed a community setting.
        Configure => "configure",
        /// A member erased their personal data.
        Erase => "erase",
        /// A relais posted for someone on no platform.
        OnBehalf => "on_behalf",
        /// A moderator corrected a time-credit transaction with a compensating one.
        CorrectCredit => "correct_credit",
        /// A moderator put a parked message back in the queue.
        Resend => "resend",
        /// Someone already in the groups before the bot came became a member, sponsor unknown.
        Adopt => "adopt",
        /// An admin opened or closed an adoption window.
        AdoptionWindow => "adoption_window",
        /// A moderator removed someone from the groups with an app's own tools (no ban: they
        /// may come back).
        Kick => "kick",
    }
);

string_enum!(
    /// Where an announcement stands.
    AnnouncementState {
        /// A member's alert, waiting for a moderator.
        Proposed => "proposed",
        /// Shown in every group.
        Published => "published",
        /// Taken down everywhere (or an alert turned down).
        Withdrawn => "withdrawn",
    }
);

string_enum!(
    /// Where a report stands.
    ReportState {
        /// Waiting for a moderator.
        Open => "open",
        /// A moderator took it.
        Taken => "taken",
        /// A moderator agreed, and acted.
        Upheld => "upheld",
        /// A moderator found nothing to do.
        Dismissed => "dismissed",
    }
);

string_enum!(
    /// How a moderator settled a held join.
    HeldOutcome {
        /// Let in: the person is a member.
        Approved => "approved",
        /// Turned away: removed from the group.
        Rejected => "rejected",
    }
);

impl PostState {
    /// Whether a request in this state still wants helpers.
    pub fn is_open(self) -> bool {
        matches!(self, PostState::Open | PostState::Proposed)
    }
}

impl Role {
    /// Moderators and admins may moderate.
    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }

    /// Relais, moderators and admins may post for someone on no platform.
    pub fn can_relay(self) -> bool {
        matches!(self, Role::Relay | Role::Moderator | Role::Admin)
    }

    /// How much a role may do: a moderator cannot sanction someone of equal or higher rank.
    pub fn rank(self) -> u8 {
        match self {
            Role::Member | Role::Relay => 0,
            Role::Moderator => 1,
            Role::Admin => 2,
        }
    }
}

impl ReportState {
    /// Whether moderators still have to settle it.
    pub fn is_pending(self) -> bool {
        matches!(self, ReportState::Open | ReportState::Taken)
    }
}

/// Where a post applies: a city or neighbourhood, or online (anywhere).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Place {
    /// Help given at a distance: it helps anywhere.
    Online,
    /// A city or neighbourhood, as the member wrote it. Never an address.
    Local(String),
    /// The author gave no place and the post is not online.
    Unknown,
}

/// One reason why an offer fits a request; rendered in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Reason {
    /// Words both posts use (in their normalized form).
    Words(Vec<String>),
    /// Both name the same need, in their own words ("scie" ~ "scie sauteuse").
    Related {
        /// The request's words.
        asked: String,
        /// The offer's words.
        offered: String,
    },
    /// Both are in this city or neighbourhood.
    SamePlace(String),
    /// The offer is online: it helps anywhere.
    Online,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Words(words) => write!(f, "{}", words.join(", ")),
            Reason::Related { asked, offered } if asked == offered => f.write_str(asked),
            Reason::Related { asked, offered } => write!(f, "{asked} ~ {offered}"),
            Reason::SamePlace(place) => f.write_str(place),
            Reason::Online => f.write_str("online"),
        }
    }
}

/// A platform account: who someone is on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountRef {
    /// The platform.
    pub platform: Platform,
    /// The platform's stable user id (a number on Telegram and Discord, `@user:server` on Matrix).
    pub user_id: String,
}

impl AccountRef {
    /// A handy constructor.
    pub fn new(platform: Platform, user_id: impl Into<String>) -> Self {
        Self { platform, user_id: user_id.into() }
    }

    /// The address of a group chat (not a person): what a group's answer is sent to, and
    /// what the outbox rate-limits per chat.
    pub fn group(platform: Platform, chat: &str) -> Self {
        Self { platform, user_id: format!("{GROUP_PREFIX}{chat}") }
    }

    /// The chat's id, when this addresses a group chat.
    pub fn group_chat(&self) -> Option<&str> {
        self.user_id.strip_prefix(GROUP_PREFIX)
    }

    /// Where platform actions about one invitation (make its link, revoke it) are addressed:
    /// the platform itself, one queue per invitation so that a revocation follows its link.
    /// (The SQL stores' `of_community` spells the same prefix.)
    pub fn invitation(platform: Platform, invitation: InvitationId) -> Self {
        Self { platform, user_id: format!("{INVITATION_PREFIX}{invitation}") }
    }

    /// The invitation, when this addresses one's actions.
    pub fn invitation_id(&self) -> Option<InvitationId> {
        self.user_id.strip_prefix(INVITATION_PREFIX)?.parse().ok()
    }
}

/// How an invitation's address starts (see [`AccountRef::invitation`]).
const INVITATION_PREFIX: &str = "#invitation-";

/// How a group chat's address starts (see [`AccountRef::group`]).
const GROUP_PREFIX: &str = "group:";

impl std::fmt::Display for AccountRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.platform, self.user_id)
    }
}

/// A community: one network, attached to one or more platforms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    /// Store id.
    pub id: CommunityId,
    /// Short stable name from the configuration.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// A person in a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Store id.
    pub id: MemberId,
    /// The community.
    pub community_id: CommunityId,
    /// The name others see.
    pub display_name: String,
    /// The language the bot speaks to them in.
    pub lang: Lang,
    /// City or neighbourhood, never an address.
    pub place: Option<String>,
    /// Member, moderator or admin.
    pub role: Role,
    /// Active, suspended or banned.
    pub status: MemberStatus,
    /// Who sponsored them (none for founders).
    pub sponsor_id: Option<MemberId>,
    /// When they joined.
    pub joined_at: Timestamp,
    /// Why a moderator withdrew their right to invite, if one did.
    pub invite_block: Option<String>,
    /// When they last wrote to the bot (at most a day off: it is not written every message).
    pub last_seen_at: Timestamp,
    /// When they were asked whether they are still there, since they were last seen.
    pub reminded_at: Option<Timestamp>,
    /// Since when they are inactive (reminded, then no longer matched), if they are.
    pub inactive_since: Option<Timestamp>,
    /// When their suspension ends, while suspended.
    pub suspended_until: Option<Timestamp>,
}

impl Member {
    /// Someone who joins now: an active member with no role, seen now. Other fields are
    /// set with struct update syntax where they differ (a founder's role, a candidate).
    pub fn newcomer(
        id: MemberId,
        community_id: CommunityId,
        display_name: String,
        lang: Lang,
        sponsor_id: Option<MemberId>,
        now: Timestamp,
    ) -> Self {
        Self {
            id,
            community_id,
            display_name,
            lang,
            place: None,
            role: Role::Member,
            status: MemberStatus::Active,
            sponsor_id,
            joined_at: now,
            invite_block: None,
            last_seen_at: now,
            reminded_at: None,
            inactive_since: None,
            suspended_until: None,
        }
    }
}

/// A platform account linked to a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Which account.
    pub account: AccountRef,
    /// Whose account.
    pub member_id: MemberId,
    /// The community (an account may belong to several communities' members).
    pub community_id: CommunityId,
    /// The name the platform shows.
    pub display_name: String,
    /// When it was linked.
    pub linked_at: Timestamp,
}

/// An account of a banned person who erased their data, kept only as a salted digest: enough
/// to recognise the account when it comes back (the ban outlives the erasure), not to tell
/// whose it was (see `rules::account_digest`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarredAccount {
    /// The community that banned them.
    pub community_id: CommunityId,
    /// The member they were, now a pseudonym.
    pub member_id: MemberId,
    /// Random bytes drawn for this account alone, in hex.
    pub salt: String,
    /// SHA-256 of the salt and the account, in hex.
    pub digest: String,
    /// When they were erased.
    pub barred_at: Timestamp,
    /// Until when (a suspension's end); `None` for good (a ban).
    pub until: Option<Timestamp>,
}

/// A request or an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Store id, shown to members as `#id`.
    pub id: PostId,
    /// The community.
    pub community_id: CommunityId,
    /// Who posted it.
    pub author_id: MemberId,
    /// Request or offer.
    pub kind: PostKind,
    /// What kind of help.
    pub category: Category,
    /// What it is about (a thesaurus topic: `tools`, `childcare`…; `other` when unknown).
    pub topic: String,
    /// The member's own words.
    pub text: String,
    /// Where it applies.
    pub place: Place,
    /// Where it is in its life.
    pub state: PostState,
    /// When it was posted.
    pub created_at: Timestamp,
    /// When its state last changed.
    pub updated_at: Timestamp,
    /// The person a relais wrote it for, who is on no platform (contacts go through the relais).
    pub on_behalf_of: Option<String>,
}

/// One offer proposed for one request, and where its help loop stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Store id, shown to members.
    pub id: MatchId,
    /// The request.
    pub request_id: PostId,
    /// The offer that fits it.
    pub offer_id: PostId,
    /// The request's author.
    pub requester_id: MemberId,
    /// The offer's author.
    pub helper_id: MemberId,
    /// How well it fits (higher is better).
    pub score: f64,
    /// Why it fits.
    pub reasons: Vec<Reason>,
    /// Where the loop stands.
    pub state: MatchState,
    /// When it was made.
    pub created_at: Timestamp,
    /// When its state last changed.
    pub updated_at: Timestamp,
    /// When the helper said yes, if they did.
    pub accepted_at: Option<Timestamp>,
    /// When the relay between the two sides ended (by either, or a sanction); `None` while
    /// the bot may still carry their conversation.
    pub relay_closed_at: Option<Timestamp>,
    /// Why the helper said no, when they said why.
    pub decline_reason: Option<DeclineReason>,
}

/// A single-use, expiring invitation created by a sponsor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Store id.
    pub id: InvitationId,
    /// The community.
    pub community_id: CommunityId,
    /// The code, in canonical form (see [`crate::code`]).
    pub code: String,
    /// Who created it.
    pub sponsor_id: MemberId,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// Who redeemed it, once redeemed.
    pub used_by: Option<MemberId>,
    /// When it was redeemed.
    pub used_at: Option<Timestamp>,
    /// When its sponsor or a moderator revoked it.
    pub revoked_at: Option<Timestamp>,
    /// Whom it is for and why, in the sponsor's words (optional).
    pub note: Option<String>,
}

/// Someone who appeared in a community group without an invitation that explains it,
/// waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldJoin {
    /// Store id, typed by moderators.
    pub id: i64,
    /// The community.
    pub community_id: CommunityId,
    /// The account that joined.
    pub account: AccountRef,
    /// Its name on the platform.
    pub display_name: String,
    /// Invitations that may explain it, when attribution was ambiguous.
    pub candidates: Vec<InvitationId>,
    /// When it happened.
    pub created_at: Timestamp,
    /// Who settled it.
    pub settled_by: Option<MemberId>,
    /// How, once settled.
    pub outcome: Option<HeldOutcome>,
    /// When, once settled (unknown for joins settled before it was kept).
    pub settled_at: Option<Timestamp>,
}

/// What a platform says about how someone joined a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinEvidence {
    /// The native invite link (or code) they used: Telegram's `invite_link`, Matrix's invite.
    InviteLink(String),
    /// Several links may have been used (two Discord joins at once): never guessed.
    Ambiguous(Vec<String>),
    /// Nothing explains it.
    Unknown,
}

/// A one-time code that links another platform account to a membership (`/lier`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkCode {
    /// The code, in canonical form.
    pub code: String,
    /// The community.
    pub community_id: CommunityId,
    /// Whose membership it links to.
    pub member_id: MemberId,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stops working (minutes later).
    pub expires_at: Timestamp,
    /// When it was used.
    pub used_at: Option<Timestamp>,
}

/// One line of the audit log: who did what to whom, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The community.
    pub community_id: CommunityId,
    /// Who acted (none when the system did, e.g. from the configuration).
    pub actor_id: Option<MemberId>,
    /// What was done.
    pub action: AuditAction,
    /// To whom.
    pub target_id: Option<MemberId>,
    /// Why, in the actor's words.
    pub reason: String,
    /// When.
    pub at: Timestamp,
    /// The platform the actor used (none when the system acted, or from the dashboard).
    pub platform: Option<Platform>,
    /// Done from the moderators' dashboard.
    pub from_web: bool,
}

/// A member's report of a post or of another member, for moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Store id, typed by moderators.
    pub id: i64,
    /// The community.
    pub community_id: CommunityId,
    /// Who reported: never shown to the reported member.
    pub reporter_id: MemberId,
    /// The member reported (a post's author when a post is reported).
    pub target_id: MemberId,
    /// The post reported, if a post was.
    pub post_id: Option<PostId>,
    /// Why, in the reporter's words.
    pub reason: String,
    /// Where it stands.
    pub state: ReportState,
    /// The moderator who took or settled it.
    pub handler_id: Option<MemberId>,
    /// What the moderator decided, in their words.
    pub resolution: Option<String>,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it was settled.
    pub settled_at: Option<Timestamp>,
}

/// Community news shown in every group of every platform at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// Store id, typed by moderators.
    pub id: i64,
    /// The community.
    pub community_id: CommunityId,
    /// Who wrote it (a moderator, or a member proposing an alert).
    pub author_id: MemberId,
    /// What it says.
    pub text: String,
    /// Where it stands.
    pub state: AnnouncementState,
    /// When it was written.
    pub created_at: Timestamp,
}

/// A time-credit transaction: minutes moved from one member to another (two entries that sum
/// to zero), for a cause that happens once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// Store id, shown to members and moderators.
    pub id: i64,
    /// The community.
    pub community_id: CommunityId,
    /// What it pays for, unique: `request:R:H` (a request paid to a helper), `correction:T`.
    pub cause: String,
    /// Debited.
    pub from: MemberId,
    /// Credited.
    pub to: MemberId,
    /// How much, in minutes (positive).
    pub minutes: i64,
    /// The request it pays for, if one.
    pub request_id: Option<PostId>,
    /// The transaction it compensates, if a correction.
    pub corrects: Option<i64>,
    /// A correction's reason.
    pub reason: Option<String>,
    /// When.
    pub at: Timestamp,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Exports and the audit log's JSON spell a value as the stores do (`in_contact`, not
    /// `incontact`), and read it back.
    #[test]
    fn serde_spells_values_as_the_stores_do() {
        for state in MatchState::ALL {
            assert_eq!(serde_json::to_string(state).unwrap(), format!("\"{}\"", state.as_str()));
        }
        for action in AuditAction::ALL {
            let json = serde_json::to_string(action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
            assert_eq!(serde_json::from_str::<AuditAction>(&json).unwrap(), *action);
        }
    }

    /// An image enqueued before its bytes were called `bytes` (`png`) is still read.
    #[test]
    fn an_image_written_before_still_reads() {
        let old = r#"{"type":"image","name":"photo.jpg","caption":"c","png":[1,2]}"#;
        let body: OutgoingBody = serde_json::from_str(old).unwrap();
        assert_eq!(body, OutgoingBody::Image { name: "photo.jpg".into(), caption: "c".into(), bytes: vec![1, 2] });
    }

    #[test]
    fn an_invitations_address_names_it() {
        let address = AccountRef::invitation(Platform::Telegram, 42);
        assert_eq!(address.invitation_id(), Some(42));
        assert_eq!(AccountRef::new(Platform::Telegram, "42").invitation_id(), None);
        assert_eq!(AccountRef::group(Platform::Telegram, "-100").invitation_id(), None);
    }
}
