//! The store port, in parts by domain (lldap's small ports): what the rules read, the one
//! write path (`apply`), and the outbox's bookkeeping. `Store` is every part at once.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Persistent state, in parts by domain, each a small port; [`Store`] is all of them, the
/// way the rules hold a store (`dyn Store`). Every implementation passes the conformance
/// suite (`entraide_core::conformance`, feature `conformance`).
pub trait Store:
    Storage
    + MemberStore
    + InvitationStore
    + PostStore
    + ModerationStore
    + CreditStore
    + OutboxStore
    + LeaseStore
    + DashboardStore
{
}

impl<T> Store for T where
    T: Storage
        + MemberStore
        + InvitationStore
        + PostStore
        + ModerationStore
        + CreditStore
        + OutboxStore
        + LeaseStore
        + DashboardStore
{
}

/// The store's life, its one write path, ids, settings, and what adapters keep (events handled,
/// cursors).
#[async_trait]
pub trait Storage: Send + Sync {
    /// Closes the connections, waiting for those in use, at the end of the process (SQLite
    /// first folds its write-ahead log into the file and empties it, as [`Storage::scrub`]
    /// does). Nothing is read or written after.
    async fn close(&self) {}
    /// Whether writes succeed now: an error while the last write failed and a fresh attempt
    /// fails too (a full disk, a lost server). For `/readyz`.
    async fn check_writes(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Makes what committed changes erased (a member's data, a relayed message once
    /// delivered) unrecoverable from the store's own files. Overwriting a row is not enough
    /// where the storage keeps earlier versions beside the current one: SQLite's
    /// write-ahead log holds every page written since the last checkpoint, so the SQLite
    /// store folds the log into the file (where `secure_delete` zeroed what was erased) and
    /// truncates it. Nothing to do in memory. Called after such a commit; a failure leaves
    /// the copies until the next scrub or [`Storage::close`], and loses nothing committed.
    async fn scrub(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Creates the community if needed and returns it.
    async fn ensure_community(&self, slug: &str, name: &str) -> Result<Community, StoreError>;
    /// Hands out the next id of a kind (gaps are fine).
    async fn allocate_id(&self, kind: IdKind) -> Result<i64, StoreError>;
    /// Hands out `count` consecutive ids of a kind; returns the first.
    async fn allocate_ids(&self, kind: IdKind, count: u32) -> Result<i64, StoreError>;
    /// Applies changes in one transaction, all or nothing.
    async fn apply(&self, changes: Vec<Change>) -> Result<(), StoreError>;
    /// Applies changes handed over a slice at a time, all in one transaction, all or nothing:
    /// an import of a national network never holds all its changes at once. Unlike
    /// [`Storage::apply`], a transaction the database rolled back is not run again (its
    /// slices are gone): the error comes back and nothing is written.
    async fn apply_in_slices(&self, slices: &mut (dyn Iterator<Item = Vec<Change>> + Send)) -> Result<(), StoreError> {
        self.apply(slices.flatten().collect()).await
    }
    /// The settings changed from the chat, by name.
    async fn settings(&self, community: CommunityId) -> Result<Vec<(String, String)>, StoreError>;
    /// Whether an inbound event was already handled.
    async fn event_seen(&self, platform: Platform, event_id: &str) -> Result<bool, StoreError>;
    /// Which of `event_ids` were already handled (an adapter reading back what it may have
    /// missed asks about a page at once).
    async fn events_seen(&self, platform: Platform, event_ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut seen = Vec::new();
        for id in event_ids {
            if self.event_seen(platform, id).await? {
                seen.push(id.clone());
            }
        }
        Ok(seen)
    }
    /// A cursor an adapter saved.
    async fn cursor(&self, name: &str) -> Result<Option<String>, StoreError>;
}

/// Members, their accounts and standing, who sponsors and vouches for whom.
#[async_trait]
pub trait MemberStore: Send + Sync {
    /// The account, if linked in this community.
    async fn account(&self, community: CommunityId, account: &AccountRef) -> Result<Option<Account>, StoreError>;
    /// Those of `accounts` already linked in this community, in no particular order (one read
    /// for many).
    async fn linked_among(
        &self,
        community: CommunityId,
        accounts: &[AccountRef],
    ) -> Result<Vec<AccountRef>, StoreError>;
    /// A member's accounts, oldest first (the first is where private messages go).
    async fn accounts_of(&self, member: MemberId) -> Result<Vec<Account>, StoreError>;
    /// A member.
    async fn member(&self, id: MemberId) -> Result<Option<Member>, StoreError>;
    /// The members of these ids that exist, in id order (one read for many).
    async fn members_by_id(&self, ids: &[MemberId]) -> Result<Vec<Member>, StoreError>;
    /// Members whose display name, folded, equals `name_key` (see [`crate::matching::fold`]).
    async fn members_named(&self, community: CommunityId, name_key: &str) -> Result<Vec<Member>, StoreError>;
    /// Active members, not yet inactive, last seen before `before`, oldest first.
    async fn members_unseen_since(&self, community: CommunityId, before: Timestamp) -> Result<Vec<Member>, StoreError>;
    /// Active moderators and admins, to tell them what needs them.
    async fn moderators(&self, community: CommunityId) -> Result<Vec<Member>, StoreError>;
    /// The people `sponsor` brought in, oldest first, each with how many people are below
    /// them (everyone they brought in, directly or not). The store keeps these counts as
    /// members join: a founder of a national network has hundreds of thousands below them,
    /// and a page of their tree is found by skipping whole branches.
    async fn sponsored(&self, sponsor: MemberId) -> Result<Vec<(MemberId, u64)>, StoreError>;
    /// Who vouched for a candidate, in order.
    async fn vouchers_of(&self, candidate: MemberId) -> Result<Vec<MemberId>, StoreError>;
    /// The community's candidates, oldest first.
    async fn candidates(&self, community: CommunityId) -> Result<Vec<Member>, StoreError>;
    /// A link code.
    async fn link_code(&self, community: CommunityId, code: &str) -> Result<Option<LinkCode>, StoreError>;
    /// How many members, open requests and open offers a community has.
    async fn census(&self, community: CommunityId) -> Result<Census, StoreError>;
}

/// Invitations, their native links, and joins held for moderators.
#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// An invitation by its canonical code.
    async fn invitation_by_code(&self, community: CommunityId, code: &str) -> Result<Option<Invitation>, StoreError>;
    /// The invitations a sponsor created at or after `since`, oldest first (for quotas).
    async fn invitations_since(&self, sponsor: MemberId, since: Timestamp) -> Result<Vec<Invitation>, StoreError>;
    /// The invitation a member joined with, if any.
    async fn invitation_used_by(&self, member: MemberId) -> Result<Option<Invitation>, StoreError>;
    /// An invitation by id.
    async fn invitation_by_id(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError>;
    /// The native links made for an invitation, by platform.
    async fn links_of_invitation(&self, invitation: InvitationId) -> Result<Vec<(Platform, String)>, StoreError>;
    /// The invitation a native link belongs to.
    async fn invitation_by_link(&self, platform: Platform, link: &str) -> Result<Option<Invitation>, StoreError>;
    /// A held join.
    async fn held_join(&self, community: CommunityId, id: i64) -> Result<Option<HeldJoin>, StoreError>;
    /// Joins still waiting for a moderator, oldest first.
    async fn open_held_joins(&self, community: CommunityId) -> Result<Vec<HeldJoin>, StoreError>;
    /// The last `count` joins settled (with a known time), latest first: how long
    /// moderators usually take.
    async fn settled_held_joins(&self, community: CommunityId, count: usize) -> Result<Vec<HeldJoin>, StoreError>;
    /// Every invitation a sponsor created, oldest first.
    async fn invitations_of(&self, sponsor: MemberId) -> Result<Vec<Invitation>, StoreError>;
}

/// Requests and offers, their matches and relays, where platforms show them, announcements.
#[async_trait]
pub trait PostStore: Send + Sync {
    /// A post.
    async fn post(&self, id: PostId) -> Result<Option<Post>, StoreError>;
    /// The posts of these ids that exist, in id order (one read for many).
    async fn posts_by_id(&self, ids: &[PostId]) -> Result<Vec<Post>, StoreError>;
    /// Open posts of a kind, oldest first (requests: open or proposed), whatever their
    /// authors' standing: matching checks that when it proposes someone.
    async fn open_posts(&self, community: CommunityId, kind: PostKind) -> Result<Vec<Post>, StoreError>;
    /// Posts of a kind changed (created, renewed, closed…) at or after `since`, whatever
    /// their state, oldest first: what a matching index needs to catch up.
    async fn posts_changed_since(
        &self,
        community: CommunityId,
        kind: PostKind,
        since: Timestamp,
    ) -> Result<Vec<Post>, StoreError>;
    /// At most `limit` posts of a kind still open (requests: open or proposed) untouched
    /// since `before` (no new proposal, no renewal), least recently active first.
    async fn stale_posts(
        &self,
        community: CommunityId,
        kind: PostKind,
        before: Timestamp,
        limit: usize,
    ) -> Result<Vec<Post>, StoreError>;
    /// At most `limit` posts of a kind still open whose last activity was after `after` and
    /// before `before`, and whose author was not reminded of that activity yet (see
    /// [`Change::RemindedPost`]), least recently active first.
    async fn posts_to_remind(
        &self,
        community: CommunityId,
        kind: PostKind,
        after: Timestamp,
        before: Timestamp,
        limit: usize,
    ) -> Result<Vec<Post>, StoreError>;
    /// A member's posts that are not finished (open, proposed or in contact), oldest first.
    async fn live_posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError>;
    /// A match.
    async fn match_by_id(&self, id: MatchId) -> Result<Option<Match>, StoreError>;
    /// Every match of a request, oldest first.
    async fn matches_of_request(&self, request: PostId) -> Result<Vec<Match>, StoreError>;
    /// Every match where the member is the helper or the requester, oldest first.
    async fn matches_of_member(&self, member: MemberId) -> Result<Vec<Match>, StoreError>;
    /// Matches made at or after `since` where one of these members is the helper, oldest
    /// first: their recent asks, for many helpers in one read.
    async fn asks_since(&self, helpers: &[MemberId], since: Timestamp) -> Result<Vec<Match>, StoreError>;
    /// Matches where the member is the helper and still has to answer, oldest first.
    async fn matches_asking(&self, helper: MemberId) -> Result<Vec<Match>, StoreError>;
    /// The analyses kept for a community's open posts of a kind by the build of this
    /// fingerprint ([`Change::KeepAnalyses`]), in no particular order.
    async fn kept_analyses(
        &self,
        community: CommunityId,
        kind: PostKind,
        fingerprint: &str,
    ) -> Result<Vec<(PostId, Vec<u8>)>, StoreError>;
    /// The needs (thesaurus concept ids) each open offer of a community is no longer
    /// proposed for, by offer, in no particular order.
    async fn excluded_needs(&self, community: CommunityId) -> Result<Vec<(PostId, String)>, StoreError>;
    /// The relay a message the bot showed on a platform belongs to.
    async fn relay_of_message(&self, platform: Platform, message_id: &str) -> Result<Option<MatchId>, StoreError>;
    /// Every post a member wrote, oldest first.
    async fn posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError>;
    /// One announcement of a community.
    async fn announcement(&self, community: CommunityId, id: i64) -> Result<Option<Announcement>, StoreError>;
    /// Where an announcement was shown: (platform, chat, message).
    async fn announcement_messages(&self, id: i64) -> Result<Vec<(Platform, String, String)>, StoreError>;
    /// Where platforms show a post: (platform, chat, message), in that order.
    async fn post_messages(&self, post: PostId) -> Result<Vec<(Platform, String, String)>, StoreError>;
    /// The members' messages a post was written in: (platform, chat, message, author), in
    /// that order.
    async fn post_sources(&self, post: PostId) -> Result<Vec<(Platform, String, String, String)>, StoreError>;
}

/// The audit log, reports, suspensions, erased banned accounts, and activity figures.
#[async_trait]
pub trait ModerationStore: Send + Sync {
    /// Audit entries that pass a filter, newest first.
    async fn audit(&self, community: CommunityId, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError>;
    /// Suspended members whose suspension ended at `now`.
    async fn suspensions_over(&self, community: CommunityId, now: Timestamp) -> Result<Vec<Member>, StoreError>;
    /// A report.
    async fn report(&self, community: CommunityId, id: i64) -> Result<Option<Report>, StoreError>;
    /// Reports moderators still have to settle, oldest first.
    async fn pending_reports(&self, community: CommunityId) -> Result<Vec<Report>, StoreError>;
    /// Reports a member made or received, oldest first.
    async fn reports_involving(&self, member: MemberId) -> Result<Vec<Report>, StoreError>;
    /// The digests of erased banned people's accounts in a community (a handful at most).
    async fn barred_accounts(&self, community: CommunityId) -> Result<Vec<BarredAccount>, StoreError>;
    /// What the statistics of a period from `since` to `now` need, counted. A period starts
    /// at midnight ([`crate::stats::period_start`]): a store may count the asks of its settled
    /// days ([`crate::stats::settled_days`]) day by day.
    async fn activity(
        &self,
        community: CommunityId,
        since: Timestamp,
        now: Timestamp,
    ) -> Result<crate::stats::Activity, StoreError>;
}

/// Time credits: transfers and balances.
#[async_trait]
pub trait CreditStore: Send + Sync {
    /// A member's time-credit transactions, newest first, at most `limit`.
    async fn transfers_of(&self, member: MemberId, limit: u32) -> Result<Vec<Transfer>, StoreError>;
    /// A member's balance in minutes: the sum of their ledger entries.
    async fn balance(&self, member: MemberId) -> Result<i64, StoreError>;
    /// The sum of every ledger entry of a community (zero, always).
    async fn ledger_sum(&self, community: CommunityId) -> Result<i64, StoreError>;
    /// One time-credit transaction of a community.
    async fn transfer(&self, community: CommunityId, id: i64) -> Result<Option<Transfer>, StoreError>;
}

/// The persistent outbox: claims, leases, retries, parked messages, unreachable accounts.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Messages for one platform that are due and not sent, in enqueue order. A message waits
    /// while an earlier one to the same recipient waits for a retry, so each recipient reads
    /// their messages in order.
    async fn due_messages(
        &self,
        platform: Platform,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Claims messages for one platform for `worker` until `lease_until`: due, not claimed by
    /// a live lease, each the oldest pending message to its recipient (so a recipient reads
    /// in order), urgent ones first. Several processes may claim at once: each row goes to
    /// one of them (PostgreSQL `FOR UPDATE SKIP LOCKED`); a lease left by a dead process
    /// expires and the row is claimed again.
    async fn claim_due(
        &self,
        platform: Platform,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Marks a message sent: it will never be claimed again. Delivery is at least once: a
    /// crash between delivering and marking sends it again (platforms with idempotent
    /// sending drop that duplicate; see docs/delivery.md).
    async fn mark_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError>;
    /// Records a failed delivery: tried again at `retry_at`, or parked (dead letter) with its
    /// error when `park` is set.
    async fn mark_failed(&self, id: i64, retry_at: Timestamp, error: &str, park: bool) -> Result<(), StoreError>;
    /// Gives a message `worker` claimed back, without counting an attempt (a rate limit, a
    /// shutdown); a no-op when its claim was lost to another worker (a lease that ran out).
    async fn release(&self, id: i64, worker: &str, not_before: Timestamp) -> Result<(), StoreError>;
    /// The outbox of each platform that has messages due at `now` or parked, by platform name.
    async fn outbox_backlog(&self, now: Timestamp) -> Result<Vec<Backlog>, StoreError>;
    /// Parked messages to this community's members (or about its invitations), newest first.
    async fn parked_messages(&self, community: CommunityId, limit: u32) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Puts a parked message of this community back in the queue, due now; false if none.
    async fn retry_parked(&self, community: CommunityId, id: i64, now: Timestamp) -> Result<bool, StoreError>;
    /// Records that a platform refused to write to an account until the person writes to the
    /// bot; its message goes back to the queue until `retry_at`, without counting an attempt.
    async fn mark_unreachable(
        &self,
        id: i64,
        account: &AccountRef,
        at: Timestamp,
        retry_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Since when an account is unreachable, if it is.
    async fn unreachable_since(&self, account: &AccountRef) -> Result<Option<Timestamp>, StoreError>;
    /// This community's members with an account a platform will not write to, for
    /// moderators: (member, platform, since), the longest waiting first.
    async fn unreachable_members(
        &self,
        community: CommunityId,
    ) -> Result<Vec<(MemberId, Platform, Timestamp)>, StoreError>;
    /// Native links of this community's invitations that can no longer be used (expired,
    /// redeemed or revoked) and were not retired yet: (invitation, platform, link).
    async fn dead_links(
        &self,
        community: CommunityId,
        now: Timestamp,
    ) -> Result<Vec<(InvitationId, Platform, String)>, StoreError>;
    /// How many messages are waiting (due or not).
    async fn pending_count(&self) -> Result<u64, StoreError>;
}

/// Leases on platform connections (see [`crate::lease`]): each held by one process at a time.
#[async_trait]
pub trait LeaseStore: Send + Sync {
    /// Takes the lease `name` for `holder` until `until`, if it is free, ran out (before
    /// `now`), or is already `holder`'s; its token grows unless `holder` held it and it had
    /// not run out. `None` while another holds it.
    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<Option<crate::lease::Lease>, StoreError>;
    /// Renews a lease `holder` holds with `token` and that has not run out; false when it was
    /// lost (run out, or taken by another).
    async fn renew_lease(
        &self,
        name: &str,
        holder: &str,
        token: i64,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Gives a lease back at once (a process stopping), if `holder` still holds it with
    /// `token`: the next process need not wait for it to run out.
    async fn release_lease(&self, name: &str, holder: &str, token: i64) -> Result<(), StoreError>;
    /// Every lease, by name: for `/readyz`, `/metrics` and `entraide doctor`.
    async fn leases(&self) -> Result<Vec<crate::lease::Lease>, StoreError>;
}

/// The dashboard's links and sessions, found by their digests (`crate::dashboard`).
#[async_trait]
pub trait DashboardStore: Send + Sync {
    /// A dashboard link by its digest.
    async fn web_link(&self, community: CommunityId, digest: &str) -> Result<Option<WebLink>, StoreError>;
    /// A dashboard session by its digest.
    async fn web_session(&self, community: CommunityId, digest: &str) -> Result<Option<WebSession>, StoreError>;
    /// A member's sessions not ended, newest first.
    async fn web_sessions_of(&self, member: MemberId) -> Result<Vec<WebSession>, StoreError>;
}
