//! The ports core needs from the outside world, as traits that others implement: storage
//! ([`Store`]), sending ([`Messenger`]), time ([`Clock`]) and randomness ([`Randomness`]).
//! Tests plug in the in-memory store, a fixed clock and seeded randomness.
//!
//! Writes go through [`Storage::apply`]: the rules compute a list of [`Change`]s (state and the
//! outbound messages it causes) and the store applies them in one transaction, checking the
//! preconditions they carry, so that two processes cannot both redeem one code or confirm one
//! match.

use async_trait::async_trait;

use crate::dashboard::{WebLink, WebSession};
use crate::model::{
    Account, AccountRef, Announcement, AnnouncementState, AuditAction, AuditEntry, BarredAccount, Community,
    CommunityId, DeclineReason, HeldJoin, HeldOutcome, Invitation, InvitationId, Lang, LinkCode, Match, MatchId,
    MatchState, Member, MemberId, MemberStatus, OutboxMessage, Outgoing, Platform, Post, PostId, PostKind, PostState,
    Report, ReportState, Role, Timestamp, Transfer,
};

mod store;

pub use store::{
    CreditStore, DashboardStore, InvitationStore, LeaseStore, MemberStore, ModerationStore, OutboxStore, PostStore,
    Storage, Store,
};

/// Every part of the store port, for code that calls a store by its own type (a
/// `MemoryStore` in tests) rather than as `dyn Store`: `use entraide_core::ports::store_prelude::*`.
pub mod store_prelude {
    pub use super::store::{
        CreditStore, DashboardStore, InvitationStore, LeaseStore, MemberStore, ModerationStore, OutboxStore, PostStore,
        Storage, Store,
    };
}

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A change's precondition no longer held (someone else changed it first); nothing was written.
    #[error("conflict: {0}")]
    Conflict(String),
    /// An inbound event was already handled (a replay, or another process first): nothing
    /// was written.
    #[error("duplicate inbound event")]
    DuplicateEvent,
    /// The database failed or is unreachable (the driver's error kept as the source).
    #[error("database: {0}")]
    Backend(#[source] BackendError),
    /// A stored value could not be read back (a corrupt row).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

/// What the database said: its words, and the driver's error itself when there is one (for
/// `source()` chains in logs and in tests), not only its text.
#[derive(Debug)]
pub struct BackendError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl BackendError {
    /// A driver's (or a file system's) error.
    pub fn from_error(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self { message: error.to_string(), source: Some(Box::new(error)) }
    }
}

impl From<String> for BackendError {
    fn from(message: String) -> Self {
        Self { message, source: None }
    }
}

impl From<&str> for BackendError {
    fn from(message: &str) -> Self {
        Self { message: message.to_owned(), source: None }
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BackendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// The kinds of ids the store hands out, each from its own counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// Members.
    Member,
    /// Posts.
    Post,
    /// Matches.
    Match,
    /// Invitations.
    Invitation,
    /// Held joins.
    HeldJoin,
    /// Reports.
    Report,
    /// Private replies (answers sent privately to a command typed in a group).
    Reply,
    /// Time-credit transactions.
    Transfer,
    /// Announcements.
    Announcement,
}

impl IdKind {
    /// The counter's name in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Member => "member",
            IdKind::Post => "post",
            IdKind::Match => "match",
            IdKind::Invitation => "invitation",
            IdKind::HeldJoin => "held_join",
            IdKind::Report => "report",
            IdKind::Reply => "reply",
            IdKind::Transfer => "transfer",
            IdKind::Announcement => "announcement",
        }
    }
}

/// One write, with the precondition the store must check.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A new member.
    InsertMember(Member),
    /// Link a platform account to a member. Fails if the account is already linked.
    LinkAccount(Account),
    /// A member's language.
    SetLang(MemberId, Lang),
    /// A member's place.
    SetPlace(MemberId, Option<String>),
    /// Move a member from status `from` to `to` (ending any suspension); conflict if they
    /// are not in `from`.
    SetStatus {
        /// The member.
        id: MemberId,
        /// The status they must have now.
        from: MemberStatus,
        /// Their new status.
        to: MemberStatus,
    },
    /// Suspend a member until a time; conflict if their status is not `from` (a suspended
    /// member's suspension is extended or shortened).
    Suspend {
        /// The member.
        id: MemberId,
        /// The status they must have now.
        from: MemberStatus,
        /// When it ends.
        until: Timestamp,
    },
    /// A member's role.
    SetRole(MemberId, Role),
    /// Erase a member's personal data (they asked): a pseudonym instead of their name, no
    /// place, no accounts (nor the joins held for them, nor their unreachability), no link
    /// codes; their posts' texts and places (and the messages they wrote them in), their matches' reasons (words of their posts,
    /// their place), their unpublished alerts and the notes of invitations they sent or used
    /// blanked; every outbox row to their accounts withdrawn, emptied and no longer
    /// addressed to them (recipient and key, which may hold the account, blanked); their
    /// name replaced in the audit log, the reports and the ledger's reasons.
    Erase {
        /// The member.
        id: MemberId,
        /// Their name until now, replaced in the audit log's reasons.
        name: String,
        /// What the audit log and others see instead.
        pseudonym: String,
    },
    /// Keep an account of a banned person who erases their data, as a salted digest, so that
    /// the ban still holds when it comes back. A second digest of the same account is a no-op.
    BarAccount(BarredAccount),
    /// A new report.
    InsertReport(Report),
    /// Move a report to `to`; conflict if it is in none of `from`.
    SetReportState {
        /// The report.
        id: i64,
        /// States it may be in now.
        from: Vec<ReportState>,
        /// Its new state.
        to: ReportState,
        /// The moderator.
        handler: MemberId,
        /// What they decided.
        resolution: Option<String>,
        /// When.
        at: Timestamp,
    },
    /// A community setting changed from the chat (`None`: back to the configuration's value).
    SetSetting {
        /// The community.
        community: CommunityId,
        /// The setting's name.
        key: String,
        /// Its value, as typed.
        value: Option<String>,
    },
    /// A new post.
    InsertPost(Post),
    /// Move a post from one of `from` to `to`; conflict if it is in none of them.
    SetPostState {
        /// The post.
        id: PostId,
        /// States it may be in now.
        from: Vec<PostState>,
        /// Its new state.
        to: PostState,
        /// When.
        at: Timestamp,
    },
    /// A post's author was reminded that it will expire: of its activity at `updated_at`
    /// (a renewal or a new proposal calls for another reminder).
    RemindedPost {
        /// The post.
        id: PostId,
        /// Its `updated_at` when the reminder was sent.
        updated_at: Timestamp,
    },
    /// A new match.
    InsertMatch(Match),
    /// Move a match from `from` to `to` (recording when a helper said yes); conflict if it
    /// is not in `from`.
    /// Where a platform showed a message of a relay (a reply to it goes to that relay).
    RelayMessage {
        /// The platform.
        platform: Platform,
        /// The platform's id of the message.
        message_id: String,
        /// The match whose relay it belongs to.
        relay: MatchId,
    },
    /// Withdraws the messages not sent yet whose key starts so (a relay's, once it ends).
    CancelMessagesStartingWith(String),
    /// Records an announcement.
    InsertAnnouncement(Announcement),
    /// Moves an announcement on; conflict if it is no longer in `from`.
    SetAnnouncementState {
        /// The announcement.
        id: i64,
        /// The state it must be in.
        from: AnnouncementState,
        /// Its new state.
        to: AnnouncementState,
    },
    /// Where a platform showed an announcement.
    InsertAnnouncementMessage {
        /// The announcement.
        announcement: i64,
        /// The platform.
        platform: Platform,
        /// The group chat.
        chat: String,
        /// The platform's id of the message.
        message: String,
    },
    /// Records a time-credit transaction; conflict if its cause was recorded already.
    Transfer(Transfer),
    /// The relay of a match ends (kept ended if it already was).
    CloseRelay {
        /// The match.
        id: MatchId,
        /// When.
        at: Timestamp,
    },
    SetMatchState {
        /// The match.
        id: MatchId,
        /// The state it must be in now.
        from: MatchState,
        /// Its new state.
        to: MatchState,
        /// When.
        at: Timestamp,
    },
    /// Why the helper of a match said no.
    SetDeclineReason {
        /// The match.
        id: MatchId,
        /// Why.
        reason: DeclineReason,
    },
    /// Posts' analyses for matching (encoded), made by the build of this fingerprint, for the
    /// next starts: kept only for posts still open, one per post (the last one given), and
    /// dropped when a post closes or its text or place changes.
    KeepAnalyses {
        /// The build's fingerprint.
        fingerprint: String,
        /// The posts and their analyses.
        analyses: Vec<(PostId, Vec<u8>)>,
    },
    /// An offer is no longer proposed for requests of these needs (thesaurus concept ids);
    /// needs already excluded stay as they are.
    ExcludeNeeds {
        /// The offer.
        offer: PostId,
        /// The needs.
        concepts: Vec<String>,
        /// When.
        at: Timestamp,
    },
    /// An offer is proposed for every need again.
    RestoreNeeds {
        /// The offer.
        offer: PostId,
    },
    /// A new invitation.
    InsertInvitation(Invitation),
    /// Holds the sponsor to their quota inside the transaction, so that two processes cannot
    /// both create the last invitation: conflict if they already created `quota`
    /// invitations since `since`. Put it before the invitation it guards.
    CheckQuota {
        /// The sponsor.
        sponsor: MemberId,
        /// Start of the period.
        since: Timestamp,
        /// Invitations allowed in the period, the new one included.
        quota: u32,
    },
    /// Mark an invitation used; conflict if it already was, was revoked, has expired at `at`,
    /// or its sponsor is no longer active.
    RedeemInvitation {
        /// The invitation.
        id: InvitationId,
        /// The new member.
        by: MemberId,
        /// When.
        at: Timestamp,
    },
    /// Revoke an invitation; conflict if it was already used or revoked.
    RevokeInvitation {
        /// The invitation.
        id: InvitationId,
        /// When.
        at: Timestamp,
    },
    /// Withdraw (with the reason) or give back (`None`) a member's right to invite.
    SetInviteBlock(MemberId, Option<String>),
    /// A new one-time link code.
    InsertLinkCode(LinkCode),
    /// Use a link code; conflict if it was used already or has expired at `at`.
    UseLinkCode {
        /// The community.
        community: CommunityId,
        /// The code.
        code: String,
        /// When.
        at: Timestamp,
    },
    /// Remove a platform account from its member; conflict if it is not linked.
    UnlinkAccount {
        /// The community.
        community: CommunityId,
        /// The account.
        account: AccountRef,
    },
    /// A member vouches for a candidate; conflict if they already did.
    Vouch {
        /// The candidate.
        candidate: MemberId,
        /// Who vouches.
        voucher: MemberId,
        /// When.
        at: Timestamp,
    },
    /// A candidate becomes an active member (their trial starts `at`); conflict if they are
    /// no longer a candidate.
    Admit {
        /// The candidate.
        id: MemberId,
        /// Their sponsor, if they had none yet (someone who applied: their first voucher).
        sponsor: MemberId,
        /// When.
        at: Timestamp,
    },
    /// The native invite link a platform made for an invitation; ignored if known already.
    InsertInvitationLink {
        /// The invitation.
        invitation: InvitationId,
        /// The platform.
        platform: Platform,
        /// The link (or code) as the platform reports it on join.
        link: String,
        /// When.
        at: Timestamp,
    },
    /// A join held for moderators.
    InsertHeldJoin(HeldJoin),
    /// Settle a held join; conflict if it was settled already.
    SettleHeldJoin {
        /// The held join.
        id: i64,
        /// The moderator.
        by: MemberId,
        /// How.
        outcome: HeldOutcome,
        /// When.
        at: Timestamp,
    },
    /// A member wrote to the bot: last seen now, and active again if they were inactive.
    SeenMember(MemberId, Timestamp),
    /// Record that a member was asked whether they are still there; conflict if they were
    /// seen since `before` or were asked already.
    RemindedInactive {
        /// The member.
        id: MemberId,
        /// They must not have been seen since.
        before: Timestamp,
        /// When.
        at: Timestamp,
    },
    /// Mark a member inactive (no longer matched); conflict if they were seen since `before`,
    /// were never asked, or are inactive already.
    MarkInactive {
        /// The member.
        id: MemberId,
        /// They must not have been seen since.
        before: Timestamp,
        /// When.
        at: Timestamp,
    },
    /// A new one-time link to the dashboard.
    InsertWebLink(WebLink),
    /// Use a dashboard link; conflict if it was used already or has expired at `at`.
    UseWebLink {
        /// The community.
        community: CommunityId,
        /// The link's digest.
        digest: String,
        /// When.
        at: Timestamp,
    },
    /// A new dashboard session.
    OpenWebSession(WebSession),
    /// A page was opened with a session: it lasts longer. No-op if it has ended.
    SeeWebSession {
        /// The session's digest.
        digest: String,
        /// When.
        at: Timestamp,
    },
    /// End one session (`Some` digest: signing out) or every live session of a member.
    EndWebSessions {
        /// The member.
        member: MemberId,
        /// One session only.
        digest: Option<String>,
        /// When.
        at: Timestamp,
    },
    /// Forget a community's dashboard links and sessions that expired or ended before
    /// `before`: nothing can use them any more, so nothing of them is kept.
    ForgetWebAccess {
        /// The community.
        community: CommunityId,
        /// What ended or expired before this is forgotten.
        before: Timestamp,
    },
    /// An audit-log line.
    Audit(AuditEntry),
    /// An outbound message; ignored if a message with the same key was ever enqueued.
    Enqueue(Outgoing),
    /// The answer to a platform event being handled, held in its recipient's queue (in order,
    /// from `message.not_before`) but not sent before `until`: written with the event's first
    /// changes, it says the answer was lost, and goes only if [`Change::Answer`] never
    /// replaces it (the process died in between).
    HoldAnswer {
        /// The notice, under the answer's key.
        message: Outgoing,
        /// When it goes if nothing replaced it.
        until: Timestamp,
    },
    /// An event's answer: replaces the held notice with its key while that is not being
    /// sent, due at once, in its place in the queue; enqueued as new when nothing was held.
    Answer(Outgoing),
    /// Withdraws a message not sent yet (a follow-up that became moot); no-op otherwise.
    CancelMessage(String),
    /// Withdraws every message not sent yet to an account, parked ones too (someone just
    /// banned: no moderator may retry one later).
    CancelMessagesTo(AccountRef),
    /// An inbound platform event was handled; conflict if it was already (a replay, or
    /// another process), so its effects are written once.
    SeenEvent {
        /// The platform.
        platform: Platform,
        /// Its id there (Telegram `update_id`, Matrix event id, Discord interaction id…).
        event_id: String,
        /// When.
        at: Timestamp,
    },
    /// The person wrote to the bot: the account is reachable again, and the messages that
    /// waited for it are due now.
    Reachable {
        /// The account.
        account: AccountRef,
        /// Now.
        at: Timestamp,
    },
    /// A native link was revoked on its platform (its invitation expired unused).
    RetireLink {
        /// The platform.
        platform: Platform,
        /// The link.
        link: String,
        /// When.
        at: Timestamp,
    },
    /// Someone unreachable was told how to fix it; conflict if they were told already (or
    /// are reachable), so they are told once.
    Hinted {
        /// The account.
        account: AccountRef,
        /// When.
        at: Timestamp,
    },
    /// Where a platform shows a post (the bot's answer in a group); ignored if known.
    InsertPostMessage {
        /// The post.
        post: PostId,
        /// The platform.
        platform: Platform,
        /// The chat.
        chat: String,
        /// The message's id there.
        message: String,
    },
    /// The member's own message a post was written in, in a group; ignored if known.
    InsertPostSource {
        /// The post.
        post: PostId,
        /// The platform.
        platform: Platform,
        /// The chat.
        chat: String,
        /// The message's id there.
        message: String,
        /// Who wrote it: their account's id on the platform.
        author: String,
    },
    /// Where an adapter resumes reading its platform (a Telegram offset, a Matrix sync token).
    SetCursor {
        /// `platform:what`.
        name: String,
        /// The value.
        value: String,
    },
}

/// Which audit entries to read: every field narrows; none set reads everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Done by this member.
    pub actor: Option<MemberId>,
    /// Done to this member.
    pub target: Option<MemberId>,
    /// This kind of action.
    pub action: Option<AuditAction>,
    /// At or after.
    pub since: Option<Timestamp>,
    /// Before.
    pub until: Option<Timestamp>,
    /// Whose reason holds these words, as written (the case of the letters A to Z aside).
    pub words: Option<String>,
    /// Skip this many of the newest.
    pub offset: u32,
    /// At most this many.
    pub limit: u32,
}

/// One platform's outbox, as the bot's metrics show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    /// The platform.
    pub platform: Platform,
    /// Messages due now and not sent yet (scheduled ones and those waiting for an
    /// unreachable person or a retry are not counted).
    pub due: u64,
    /// When the longest-waiting of them was first meant to go.
    pub oldest_due: Option<Timestamp>,
    /// Messages that failed for good, waiting for a moderator.
    pub parked: u64,
}

/// A community's size, for the bot's metrics: members by status, open requests and offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    /// Members in each status that has any, in the order of the statuses' names.
    pub members: Vec<(MemberStatus, u64)>,
    /// Requests open (or proposed to someone).
    pub open_requests: u64,
    /// Offers open.
    pub open_offers: u64,
}

/// A platform's sending side, implemented by each adapter.
#[async_trait]
pub trait Messenger: Send + Sync {
    /// Which platform's messages it sends.
    fn platform(&self) -> Platform;
    /// Delivers one message (a private text or a platform action).
    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError>;
    /// Whether this process can deliver now: not while another process holds the platform
    /// connection the messenger needs (Matrix's device), which then delivers. The dispatcher
    /// claims nothing for a platform until it can.
    fn available(&self) -> bool {
        true
    }
}

/// Told when the dispatcher parks a message for good, so that moderators hear at once of
/// a sanction a platform refused rather than finding it later in `/envois`.
#[async_trait]
pub trait ParkedListener: Send + Sync {
    /// `message` was parked; `why` is the platform's refusal.
    async fn parked(&self, message: &OutboxMessage, why: &str);
}

/// Why a delivery failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Worth retrying later, with backoff.
    #[error("transient delivery failure: {0}")]
    Transient(String),
    /// The platform said to slow down (HTTP 429): retry after this many seconds.
    #[error("rate limited, retry after {0} s")]
    RateLimited(i64),
    /// It will never work (the account is gone): parked for moderators.
    #[error("permanent delivery failure: {0}")]
    Permanent(String),
    /// The platform will not write to this person until they write to the bot (never started
    /// the Telegram bot, blocked it, closed their DMs): their messages wait, in order.
    #[error("unreachable until they write to the bot: {0}")]
    Unreachable(String),
}

/// The time, so that tests control it.
pub trait Clock: Send + Sync {
    /// Now, in seconds since the epoch.
    fn now(&self) -> Timestamp;
}

/// Random bytes for invitation codes. Production uses the operating system's CSPRNG.
pub trait Randomness: Send + Sync {
    /// Fills `bytes` with unpredictable bytes.
    fn fill(&self, bytes: &mut [u8]);
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs() as Timestamp)
            .unwrap_or_default()
    }
}

/// The operating system's cryptographically secure random source.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandomness;

impl Randomness for OsRandomness {
    fn fill(&self, bytes: &mut [u8]) {
        // The OS source does not fail on supported systems; a failure must not yield a weak code.
        if let Err(error) = getrandom::fill(bytes) {
            panic!("the operating system's random source failed: {error}");
        }
    }
}

/// A clock tests move by hand.
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug, Default)]
pub struct ManualClock(std::sync::atomic::AtomicI64);

#[cfg(any(test, feature = "test-support"))]
impl ManualClock {
    /// A clock showing `now`.
    pub fn at(now: Timestamp) -> Self {
        Self(std::sync::atomic::AtomicI64::new(now))
    }

    /// Moves time forward.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, std::sync::atomic::Ordering::SeqCst);
    }
}

#[cfg(any(test, feature = "test-support"))]
impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Predictable "randomness" for tests: each call fills with the next counter value.
/// Never available outside tests: real codes must come from [`OsRandomness`].
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug, Default)]
pub struct CountingRandomness(std::sync::atomic::AtomicU8);

#[cfg(any(test, feature = "test-support"))]
impl Randomness for CountingRandomness {
    fn fill(&self, bytes: &mut [u8]) {
        let next = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst).wrapping_add(1);
        bytes.fill(next);
    }
}
