//! An in-memory [`Store`](crate::ports::Store): for rule tests and as the reference the
//! conformance suite checks the SQL stores against. A transaction is a copy of the state,
//! swapped in when every change applied, so a failed precondition leaves nothing behind. The
//! reads live by domain beside it (`community.rs`, `posts.rs`, `outbox.rs`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;

use crate::matching::fold;
use crate::model::{
    Account, AccountRef, Announcement, AnnouncementState, AuditEntry, BarredAccount, Community, CommunityId, HeldJoin,
    Invitation, InvitationId, LinkCode, Match, MatchId, MatchState, Member, MemberId, MemberStatus, OutboxMessage,
    OutgoingBody, Place, Platform, Post, PostId, PostKind, PostState, Report, Timestamp, Transfer,
};
use crate::ports::{
    AuditQuery, Backlog, Census, Change, CreditStore, IdKind, InvitationStore, LeaseStore, MemberStore,
    ModerationStore, OutboxStore, PostStore, Storage, StoreError,
};

mod community;
mod dashboard;
mod leases;
mod outbox;
mod posts;

/// The in-memory store.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default, Clone)]
struct State {
    communities: Vec<Community>,
    counters: HashMap<&'static str, i64>,
    members: BTreeMap<MemberId, Member>,
    accounts: Vec<Account>,
    posts: BTreeMap<PostId, Post>,
    matches: BTreeMap<MatchId, Match>,
    invitations: Vec<Invitation>,
    link_codes: Vec<LinkCode>,
    vouches: Vec<(MemberId, MemberId, Timestamp)>,
    invitation_links: Vec<(InvitationId, Platform, String)>,
    relay_messages: HashMap<(Platform, String), MatchId>,
    transfers: Vec<Transfer>,
    announcements: Vec<Announcement>,
    announcement_messages: Vec<(i64, Platform, String, String)>,
    /// The ledger's entries: (community, member, minutes), two per transfer.
    ledger: Vec<(CommunityId, MemberId, i64)>,
    held_joins: Vec<HeldJoin>,
    audit: Vec<AuditEntry>,
    reports: BTreeMap<i64, Report>,
    settings: BTreeMap<(CommunityId, String), String>,
    outbox: Vec<Row>,
    keys: HashSet<String>,
    events: HashSet<(Platform, String)>,
    /// How many outbox rows at the start are all done with: claims skip them.
    outbox_done: usize,
    cursors: BTreeMap<String, String>,
    leases: BTreeMap<String, crate::lease::Lease>,
    unreachable: HashMap<AccountRef, (Timestamp, Option<Timestamp>)>,
    post_messages: Vec<(PostId, Platform, String, String)>,
    post_sources: Vec<(PostId, Platform, String, String, String)>,
    retired_links: HashSet<(Platform, String)>,
    barred: Vec<BarredAccount>,
    /// (offer, need) pairs an offer is no longer proposed for.
    excluded: BTreeSet<(PostId, String)>,
    /// Open posts' analyses for matching: (fingerprint, analysis) by post.
    analyses: HashMap<PostId, (String, Vec<u8>)>,
    /// The activity (`updated_at`) each post's author was last reminded of.
    reminded: HashMap<PostId, Timestamp>,
    web_links: Vec<crate::dashboard::WebLink>,
    web_sessions: Vec<crate::dashboard::WebSession>,
}

#[derive(Debug, Clone)]
struct Row {
    message: OutboxMessage,
    /// Sent or cancelled: done with.
    sent: bool,
    /// Failed for good: waiting for a moderator.
    parked: bool,
    not_before: Timestamp,
    /// What `not_before` was when it was enqueued: its place in its recipient's order.
    queued_for: Timestamp,
    /// Who claimed it, until when.
    claim: Option<(String, Timestamp)>,
}

impl Row {
    fn pending(&self) -> bool {
        !self.sent && !self.parked
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything held, as text: what tests search for data that must be gone.
    pub fn dump(&self) -> String {
        format!("{:?}", *self.lock())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves consistent data: changes are applied to a copy.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl State {
    /// Enqueues a message unless its key was ever enqueued: due at `not_before`, in its
    /// recipient's queue at `queued_for` (later for a held answer's notice).
    fn enqueue(&mut self, message: crate::model::Outgoing, not_before: Timestamp, queued_for: Timestamp) {
        if self.keys.insert(message.key.clone()) {
            let id = self.outbox.len() as i64 + 1;
            self.outbox.push(Row {
                message: OutboxMessage { id, message, attempts: 0, last_error: None },
                sent: false,
                parked: false,
                not_before,
                queued_for,
                claim: None,
            });
        }
    }

    fn apply(&mut self, change: Change) -> Result<(), StoreError> {
        let conflict = |what: String| Err(StoreError::Conflict(what));
        match change {
            Change::InsertMember(member) => {
                self.members.insert(member.id, member);
            }
            Change::LinkAccount(account) => {
                let taken = self
                    .accounts
                    .iter()
                    .any(|a| a.account == account.account && a.community_id == account.community_id);
                if taken {
                    return conflict(format!("account {} already linked", account.account.platform));
                }
                self.accounts.push(account);
            }
            Change::SetLang(id, lang) => self.member_mut(id)?.lang = lang,
            Change::SetPlace(id, place) => self.member_mut(id)?.place = place,
            Change::SetStatus { id, from, to } => {
                let member = self.member_mut(id)?;
                if member.status != from {
                    return conflict(format!("member {id} is {}", member.status));
                }
                member.status = to;
                member.suspended_until = None;
            }
            Change::Suspend { id, from, until } => {
                let member = self.member_mut(id)?;
                if member.status != from {
                    return conflict(format!("member {id} is {}", member.status));
                }
                member.status = MemberStatus::Suspended;
                member.suspended_until = Some(until);
            }
            Change::SetRole(id, role) => self.member_mut(id)?.role = role,
            Change::Erase { id, name, pseudonym } => {
                let member = self.member_mut(id)?;
                let community = member.community_id;
                member.display_name = pseudonym.clone();
                member.place = None;
                member.invite_block = None;
                member.status = MemberStatus::Erased;
                member.suspended_until = None;
                let accounts: Vec<AccountRef> =
                    self.accounts.iter().filter(|a| a.member_id == id).map(|a| a.account.clone()).collect();
                self.accounts.retain(|a| a.member_id != id);
                self.link_codes.retain(|c| c.member_id != id);
                self.web_links.retain(|l| l.member_id != id);
                self.web_sessions.retain(|s| s.member_id != id);
                self.held_joins.retain(|h| !(h.community_id == community && accounts.contains(&h.account)));
                self.unreachable.retain(|account, _| !accounts.contains(account));
                let theirs: Vec<PostId> = self.posts.values().filter(|p| p.author_id == id).map(|p| p.id).collect();
                self.post_sources.retain(|(post, ..)| !theirs.contains(post));
                self.analyses.retain(|post, _| !theirs.contains(post));
                for post in self.posts.values_mut().filter(|p| p.author_id == id) {
                    post.text = String::new();
                    post.on_behalf_of = None;
                    if matches!(post.place, Place::Local(_)) {
                        post.place = Place::Unknown;
                    }
                }
                for found in self.matches.values_mut().filter(|m| m.requester_id == id || m.helper_id == id) {
                    found.reasons.clear();
                }
                for announcement in self
                    .announcements
                    .iter_mut()
                    .filter(|a| a.author_id == id && a.state != AnnouncementState::Published)
                {
                    announcement.text = String::new();
                    announcement.state = AnnouncementState::Withdrawn;
                }
                for invitation in self.invitations.iter_mut().filter(|i| i.sponsor_id == id || i.used_by == Some(id)) {
                    invitation.note = None;
                }
                // A platform action still due (the ban of someone banned a moment ago) holds no
                // text and still has to reach the platform.
                let withdrawn = |row: &Row| {
                    accounts.contains(&row.message.message.to)
                        && !(row.pending() && row.message.message.body.is_urgent())
                };
                for row in self.outbox.iter_mut().filter(|row| withdrawn(row)) {
                    row.sent = true;
                    let message = &mut row.message;
                    message.message.body = OutgoingBody::Text { text: String::new() };
                    message.message.to.user_id = String::new();
                    message.last_error = None;
                    self.keys.remove(&message.message.key);
                    message.message.key = format!("erased:{}", message.id);
                    self.keys.insert(message.message.key.clone());
                }
                if !name.is_empty() {
                    let replace = |text: &mut String| *text = text.replace(&name, &pseudonym);
                    for entry in self.audit.iter_mut().filter(|e| e.community_id == community) {
                        replace(&mut entry.reason);
                    }
                    for report in self.reports.values_mut().filter(|r| r.community_id == community) {
                        replace(&mut report.reason);
                        if let Some(resolution) = &mut report.resolution {
                            replace(resolution);
                        }
                    }
                    for transfer in self.transfers.iter_mut().filter(|t| t.community_id == community) {
                        if let Some(reason) = &mut transfer.reason {
                            replace(reason);
                        }
                    }
                }
            }
            Change::BarAccount(barred) => {
                let known =
                    self.barred.iter().any(|b| b.community_id == barred.community_id && b.digest == barred.digest);
                if !known {
                    self.barred.push(barred);
                }
            }
            Change::InsertReport(report) => {
                self.reports.insert(report.id, report);
            }
            Change::SetReportState { id, from, to, handler, resolution, at } => {
                let report =
                    self.reports.get_mut(&id).ok_or_else(|| StoreError::Conflict(format!("report {id} missing")))?;
                if !from.contains(&report.state) {
                    return conflict(format!("report {id} is {}", report.state));
                }
                report.state = to;
                report.handler_id = Some(handler);
                if resolution.is_some() {
                    report.resolution = resolution;
                    report.settled_at = Some(at);
                }
            }
            Change::SetSetting { community, key, value } => match value {
                Some(value) => {
                    self.settings.insert((community, key), value);
                }
                None => {
                    self.settings.remove(&(community, key));
                }
            },
            Change::InsertPost(post) => {
                self.posts.insert(post.id, post);
            }
            Change::SetPostState { id, from, to, at } => {
                let post = self.posts.get_mut(&id).ok_or_else(|| StoreError::Conflict(format!("post {id} missing")))?;
                if !from.contains(&post.state) {
                    return conflict(format!("post {id} is {}", post.state));
                }
                post.state = to;
                post.updated_at = at;
                if !to.is_open() {
                    self.analyses.remove(&id);
                }
            }
            Change::RemindedPost { id, updated_at } => {
                self.reminded.insert(id, updated_at);
            }
            Change::KeepAnalyses { fingerprint, analyses } => {
                for (post, analysis) in analyses {
                    if self.posts.get(&post).is_some_and(|p| p.state.is_open()) {
                        self.analyses.insert(post, (fingerprint.clone(), analysis));
                    }
                }
            }
            Change::InsertMatch(found) => {
                self.matches.insert(found.id, found);
            }
            Change::SetMatchState { id, from, to, at } => {
                let found =
                    self.matches.get_mut(&id).ok_or_else(|| StoreError::Conflict(format!("match {id} missing")))?;
                if found.state != from {
                    return conflict(format!("match {id} is {}", found.state));
                }
                found.state = to;
                found.updated_at = at;
                if to == MatchState::Accepted {
                    found.accepted_at = Some(at);
                }
            }
            Change::SetDeclineReason { id, reason } => {
                let found =
                    self.matches.get_mut(&id).ok_or_else(|| StoreError::Conflict(format!("match {id} missing")))?;
                found.decline_reason = Some(reason);
            }
            Change::ExcludeNeeds { offer, concepts, .. } => {
                self.excluded.extend(concepts.into_iter().map(|concept| (offer, concept)));
            }
            Change::RestoreNeeds { offer } => self.excluded.retain(|(excluded, _)| *excluded != offer),
            Change::RelayMessage { platform, message_id, relay } => {
                self.relay_messages.entry((platform, message_id)).or_insert(relay);
            }
            Change::InsertAnnouncement(announcement) => self.announcements.push(announcement),
            Change::SetAnnouncementState { id, from, to } => {
                match self.announcements.iter_mut().find(|a| a.id == id && a.state == from) {
                    Some(found) => found.state = to,
                    None => return conflict(format!("announcement {id} changed meanwhile")),
                }
            }
            Change::InsertAnnouncementMessage { announcement, platform, chat, message } => {
                let shown = (announcement, platform, chat, message);
                if !self.announcement_messages.contains(&shown) {
                    self.announcement_messages.push(shown);
                }
            }
            Change::Transfer(transfer) => {
                if self.transfers.iter().any(|t| t.cause == transfer.cause) {
                    return conflict(format!("{} was recorded already", transfer.cause));
                }
                self.ledger.push((transfer.community_id, transfer.from, -transfer.minutes));
                self.ledger.push((transfer.community_id, transfer.to, transfer.minutes));
                self.transfers.push(transfer);
            }
            Change::CloseRelay { id, at } => {
                if let Some(found) = self.matches.get_mut(&id) {
                    found.relay_closed_at.get_or_insert(at);
                }
            }
            Change::CheckQuota { sponsor, since, quota } => {
                let used = self.invitations.iter().filter(|i| i.sponsor_id == sponsor && i.created_at >= since).count();
                if used >= quota as usize {
                    return conflict("quota reached".into());
                }
            }
            Change::InsertInvitation(invitation) => {
                if self.invitations.iter().any(|i| i.code == invitation.code) {
                    return conflict("invitation code exists".into());
                }
                self.invitations.push(invitation);
            }
            Change::RedeemInvitation { id, by, at } => {
                let sponsor_active = |sponsor: MemberId| self.may_sponsor(sponsor);
                let usable = self.invitations.iter().find(|i| i.id == id).is_some_and(|i| {
                    i.used_by.is_none() && i.revoked_at.is_none() && i.expires_at > at && sponsor_active(i.sponsor_id)
                });
                let invitation = self.invitations.iter_mut().find(|i| i.id == id);
                match invitation {
                    Some(invitation) if usable => {
                        invitation.used_by = Some(by);
                        invitation.used_at = Some(at);
                    }
                    _ => return conflict(format!("invitation {id} cannot be redeemed")),
                }
            }
            Change::RevokeInvitation { id, at } => match self.invitations.iter_mut().find(|i| i.id == id) {
                Some(invitation) if invitation.used_by.is_none() && invitation.revoked_at.is_none() => {
                    invitation.revoked_at = Some(at);
                }
                _ => return conflict(format!("invitation {id} cannot be revoked")),
            },
            Change::SetInviteBlock(id, reason) => self.member_mut(id)?.invite_block = reason,
            Change::InsertLinkCode(code) => {
                if self.link_codes.iter().any(|c| c.community_id == code.community_id && c.code == code.code) {
                    return conflict("link code exists".into());
                }
                self.link_codes.push(code);
            }
            Change::UseLinkCode { community, code, at } => {
                let found = self.link_codes.iter_mut().find(|c| c.community_id == community && c.code == code);
                match found {
                    Some(link) if link.used_at.is_none() && link.expires_at > at => link.used_at = Some(at),
                    _ => return conflict("link code cannot be used".into()),
                }
            }
            Change::UnlinkAccount { community, account } => {
                let owner = self
                    .accounts
                    .iter()
                    .find(|a| a.community_id == community && a.account == account)
                    .map(|a| a.member_id);
                if owner.is_some_and(|owner| self.accounts.iter().filter(|a| a.member_id == owner).count() < 2) {
                    return conflict("a member keeps one account".into());
                }
                let before = self.accounts.len();
                self.accounts.retain(|a| !(a.community_id == community && a.account == account));
                if self.accounts.len() == before {
                    return conflict("account not linked".into());
                }
            }
            Change::Vouch { candidate, voucher, at } => {
                if self.vouches.iter().any(|(c, v, _)| *c == candidate && *v == voucher) {
                    return conflict("already vouched".into());
                }
                self.vouches.push((candidate, voucher, at));
            }
            Change::Admit { id, sponsor, at } => {
                let member = self.member_mut(id)?;
                if member.status != MemberStatus::Candidate {
                    return conflict(format!("member {id} is no candidate"));
                }
                member.status = MemberStatus::Active;
                member.joined_at = at;
                member.sponsor_id = member.sponsor_id.or(Some(sponsor));
            }
            Change::InsertInvitationLink { invitation, platform, link, .. } => {
                match self.invitation_links.iter_mut().find(|(_, p, l)| *p == platform && *l == link) {
                    Some(known) if known.0 == invitation => {}
                    // A later invitation naming the same link (a Matrix ID invited again) takes it over.
                    Some(known) => {
                        known.0 = invitation;
                        self.retired_links.remove(&(platform, link));
                    }
                    None => self.invitation_links.push((invitation, platform, link)),
                }
            }
            Change::InsertHeldJoin(held) => self.held_joins.push(held),
            Change::SettleHeldJoin { id, by, outcome, at } => match self.held_joins.iter_mut().find(|h| h.id == id) {
                Some(held) if held.outcome.is_none() => {
                    held.outcome = Some(outcome);
                    held.settled_by = Some(by);
                    held.settled_at = Some(at);
                }
                _ => return conflict(format!("held join {id} cannot be settled")),
            },
            Change::SeenMember(id, at) => {
                let member = self.member_mut(id)?;
                member.last_seen_at = at;
                member.reminded_at = None;
                member.inactive_since = None;
            }
            Change::RemindedInactive { id, before, at } => {
                let member = self.member_mut(id)?;
                if member.reminded_at.is_some() || member.last_seen_at >= before {
                    return conflict(format!("member {id} was seen or reminded"));
                }
                member.reminded_at = Some(at);
            }
            Change::MarkInactive { id, before, at } => {
                let member = self.member_mut(id)?;
                if member.inactive_since.is_some() || member.reminded_at.is_none() || member.last_seen_at >= before {
                    return conflict(format!("member {id} was seen"));
                }
                member.inactive_since = Some(at);
            }
            Change::Audit(entry) => self.audit.push(entry),
            change @ (Change::InsertWebLink(..)
            | Change::UseWebLink { .. }
            | Change::OpenWebSession(..)
            | Change::SeeWebSession { .. }
            | Change::EndWebSessions { .. }
            | Change::ForgetWebAccess { .. }) => self.apply_dashboard(change)?,
            Change::Enqueue(message) => {
                let not_before = message.not_before;
                self.enqueue(message, not_before, not_before);
            }
            Change::HoldAnswer { message, until } => {
                let queued_for = message.not_before;
                // Its time is the row's, as the SQL stores report it.
                self.enqueue(crate::model::Outgoing { not_before: until, ..message }, until, queued_for);
            }
            Change::Answer(message) => {
                let held = self.outbox.iter_mut().find(|row| row.message.message.key == message.key);
                match held {
                    // The body and its time only, as the SQL stores do: the place stays the held one's.
                    Some(row) if row.pending() && row.claim.is_none() && row.message.attempts == 0 => {
                        row.not_before = message.not_before;
                        row.message.message.body = message.body;
                        row.message.message.not_before = message.not_before;
                    }
                    Some(_) => {}
                    None => {
                        let not_before = message.not_before;
                        self.enqueue(message, not_before, not_before);
                    }
                }
            }
            Change::CancelMessage(key) => {
                if let Some(row) = self.outbox.iter_mut().find(|row| row.message.message.key == key && row.pending()) {
                    row.sent = true;
                    row.message.message.body = OutgoingBody::Text { text: String::new() };
                }
            }
            Change::CancelMessagesStartingWith(prefix) => {
                for row in
                    self.outbox.iter_mut().filter(|row| row.pending() && row.message.message.key.starts_with(&prefix))
                {
                    row.sent = true;
                    row.message.message.body = OutgoingBody::Text { text: String::new() };
                }
            }
            Change::SeenEvent { platform, event_id, .. } => {
                if !self.events.insert((platform, event_id)) {
                    return Err(StoreError::DuplicateEvent);
                }
            }
            Change::Reachable { account, at } => {
                self.unreachable.remove(&account);
                for row in self.outbox.iter_mut().filter(|row| row.pending() && row.message.message.to == account) {
                    row.not_before = row.not_before.min(at);
                }
            }
            Change::RetireLink { platform, link, .. } => {
                self.retired_links.insert((platform, link));
            }
            Change::Hinted { account, at } => match self.unreachable.get_mut(&account) {
                Some((_, hinted @ None)) => *hinted = Some(at),
                _ => return conflict("not unreachable, or told already".into()),
            },
            Change::InsertPostMessage { post, platform, chat, message } => {
                let row = (post, platform, chat, message);
                if !self.post_messages.contains(&row) {
                    self.post_messages.push(row);
                }
            }
            Change::InsertPostSource { post, platform, chat, message, author } => {
                let known = self.post_sources.iter().any(|(p, pl, c, m, _)| {
                    (*p, *pl, c.as_str(), m.as_str()) == (post, platform, chat.as_str(), message.as_str())
                });
                if !known {
                    self.post_sources.push((post, platform, chat, message, author));
                }
            }
            Change::SetCursor { name, value } => {
                self.cursors.insert(name, value);
            }
            Change::CancelMessagesTo(account) => {
                for row in self.outbox.iter_mut().filter(|row| row.message.message.to == account) {
                    row.sent = true;
                }
            }
        }
        Ok(())
    }

    /// Whether an outbox recipient belongs to a community: one of its members' accounts, or
    /// the platform actions about one of its invitations.
    fn concerns(&self, community: CommunityId, to: &AccountRef) -> bool {
        self.accounts.iter().any(|a| a.community_id == community && &a.account == to)
            || self.invitations.iter().any(|i| i.community_id == community && to.invitation_id() == Some(i.id))
    }

    /// Whether an outbox message concerns a community: addressed to one of its accounts or
    /// invitations, or to a chat (its groups).
    fn concerns_message(&self, community: CommunityId, message: &crate::model::Outgoing) -> bool {
        message.body.is_for_a_chat() || self.concerns(community, &message.to)
    }

    fn member_mut(&mut self, id: MemberId) -> Result<&mut Member, StoreError> {
        self.members.get_mut(&id).ok_or_else(|| StoreError::Conflict(format!("member {id} missing")))
    }

    fn may_sponsor(&self, id: MemberId) -> bool {
        self.members.get(&id).is_some_and(|m| m.status == MemberStatus::Active && m.invite_block.is_none())
    }

    fn is_matchable(&self, id: MemberId) -> bool {
        self.members.get(&id).is_some_and(|m| m.status == MemberStatus::Active && m.inactive_since.is_none())
    }
}

#[async_trait]
impl Storage for MemoryStore {
    async fn ensure_community(&self, slug: &str, name: &str) -> Result<Community, StoreError> {
        let mut state = self.lock();
        if let Some(found) = state.communities.iter().find(|c| c.slug == slug) {
            return Ok(found.clone());
        }
        let community =
            Community { id: state.communities.len() as CommunityId + 1, slug: slug.to_owned(), name: name.to_owned() };
        state.communities.push(community.clone());
        Ok(community)
    }

    async fn allocate_id(&self, kind: IdKind) -> Result<i64, StoreError> {
        let mut state = self.lock();
        let counter = state.counters.entry(kind.as_str()).or_insert(0);
        *counter += 1;
        Ok(*counter)
    }

    async fn allocate_ids(&self, kind: IdKind, count: u32) -> Result<i64, StoreError> {
        let mut state = self.lock();
        let counter = state.counters.entry(kind.as_str()).or_insert(0);
        let first = *counter + 1;
        *counter += i64::from(count);
        Ok(first)
    }

    async fn apply(&self, changes: Vec<Change>) -> Result<(), StoreError> {
        let mut state = self.lock();
        let mut next = state.clone();
        for change in changes {
            next.apply(change)?;
        }
        *state = next;
        Ok(())
    }

    async fn settings(&self, community: CommunityId) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .lock()
            .settings
            .iter()
            .filter(|((c, _), _)| *c == community)
            .map(|((_, key), value)| (key.clone(), value.clone()))
            .collect())
    }

    async fn event_seen(&self, platform: Platform, event_id: &str) -> Result<bool, StoreError> {
        Ok(self.lock().events.contains(&(platform, event_id.to_owned())))
    }

    async fn cursor(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.lock().cursors.get(name).cloned())
    }
}
