//! An in-memory [`Store`]: for rule tests and as the reference the conformance suite checks
//! the SQL stores against. A transaction is a copy of the state, swapped in when every change
//! applied, so a failed precondition leaves nothing behind.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;

use crate::matching::fold;
use crate::model::{
    Account, AccountRef, Announcement, AnnouncementState, AuditEntry, BarredAccount, Community, CommunityId, HeldJoin,
    Invitation, InvitationId, LinkCode, Match, MatchId, MatchState, Member, MemberId, MemberStatus, OutboxMessage,
    OutgoingBody, Place, Platform, Post, PostId, PostKind, PostState, Report, Timestamp, Transfer,
};
use crate::ports::{AuditQuery, Backlog, Census, Change, IdKind, Store, StoreError};

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
    unreachable: HashMap<AccountRef, (Timestamp, Option<Timestamp>)>,
    post_messages: Vec<(PostId, Platform, String, String)>,
    post_sources: Vec<(PostId, Platform, String, String, String)>,
    retired_links: HashSet<(Platform, String)>,
    barred: Vec<BarredAccount>,
    /// (offer, need) pairs an offer is no longer proposed for.
    excluded: BTreeSet<(PostId, String)>,
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
                self.held_joins.retain(|h| !(h.community_id == community && accounts.contains(&h.account)));
                self.unreachable.retain(|account, _| !accounts.contains(account));
                let theirs: Vec<PostId> = self.posts.values().filter(|p| p.author_id == id).map(|p| p.id).collect();
                self.post_sources.retain(|(post, ..)| !theirs.contains(post));
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
            Change::Enqueue(message) => {
                if self.keys.insert(message.key.clone()) {
                    let id = self.outbox.len() as i64 + 1;
                    let not_before = message.not_before;
                    self.outbox.push(Row {
                        message: OutboxMessage { id, message, attempts: 0, last_error: None },
                        sent: false,
                        parked: false,
                        not_before,
                        queued_for: not_before,
                        claim: None,
                    });
                }
            }
            Change::HoldAnswer { message, until } => {
                if self.keys.insert(message.key.clone()) {
                    let id = self.outbox.len() as i64 + 1;
                    let queued_for = message.not_before;
                    self.outbox.push(Row {
                        message: OutboxMessage { id, message, attempts: 0, last_error: None },
                        sent: false,
                        parked: false,
                        not_before: until,
                        queued_for,
                        claim: None,
                    });
                }
            }
            Change::Answer(message) => {
                let held = self.outbox.iter_mut().find(|row| row.message.message.key == message.key);
                match held {
                    Some(row) if row.pending() && row.claim.is_none() && row.message.attempts == 0 => {
                        row.not_before = message.not_before;
                        row.message.message = message;
                    }
                    Some(_) => {}
                    None => self.apply(Change::Enqueue(message))?,
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
            || self
                .invitations
                .iter()
                .any(|i| i.community_id == community && to.user_id == format!("#invitation-{}", i.id))
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
impl Store for MemoryStore {
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

    async fn account(&self, community: CommunityId, account: &AccountRef) -> Result<Option<Account>, StoreError> {
        Ok(self.lock().accounts.iter().find(|a| a.community_id == community && &a.account == account).cloned())
    }

    async fn accounts_of(&self, member: MemberId) -> Result<Vec<Account>, StoreError> {
        Ok(self.lock().accounts.iter().filter(|a| a.member_id == member).cloned().collect())
    }

    async fn member(&self, id: MemberId) -> Result<Option<Member>, StoreError> {
        Ok(self.lock().members.get(&id).cloned())
    }

    async fn members_named(&self, community: CommunityId, name_key: &str) -> Result<Vec<Member>, StoreError> {
        Ok(self
            .lock()
            .members
            .values()
            .filter(|m| m.community_id == community && fold(&m.display_name) == name_key)
            .cloned()
            .collect())
    }

    async fn post(&self, id: PostId) -> Result<Option<Post>, StoreError> {
        Ok(self.lock().posts.get(&id).cloned())
    }

    async fn open_posts(&self, community: CommunityId, kind: PostKind) -> Result<Vec<Post>, StoreError> {
        let state = self.lock();
        Ok(state
            .posts
            .values()
            .filter(|p| p.community_id == community && p.kind == kind && p.state.is_open())
            .cloned()
            .collect())
    }

    async fn stale_posts(
        &self,
        community: CommunityId,
        kind: PostKind,
        before: Timestamp,
    ) -> Result<Vec<Post>, StoreError> {
        Ok(self
            .lock()
            .posts
            .values()
            .filter(|p| p.community_id == community && p.kind == kind)
            .filter(|p| p.state.is_open() && p.updated_at < before)
            .cloned()
            .collect())
    }

    async fn members_unseen_since(&self, community: CommunityId, before: Timestamp) -> Result<Vec<Member>, StoreError> {
        let mut found: Vec<Member> = self
            .lock()
            .members
            .values()
            .filter(|m| m.community_id == community && m.status == MemberStatus::Active)
            .filter(|m| m.inactive_since.is_none() && m.last_seen_at < before)
            .cloned()
            .collect();
        found.sort_by_key(|m| (m.last_seen_at, m.id));
        Ok(found)
    }

    async fn posts_changed_since(
        &self,
        community: CommunityId,
        kind: PostKind,
        since: Timestamp,
    ) -> Result<Vec<Post>, StoreError> {
        Ok(self
            .lock()
            .posts
            .values()
            .filter(|p| p.community_id == community && p.kind == kind && p.updated_at >= since)
            .cloned()
            .collect())
    }

    async fn live_posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
        Ok(self
            .lock()
            .posts
            .values()
            .filter(|p| {
                p.author_id == author && matches!(p.state, PostState::Open | PostState::Proposed | PostState::InContact)
            })
            .cloned()
            .collect())
    }

    async fn match_by_id(&self, id: MatchId) -> Result<Option<Match>, StoreError> {
        Ok(self.lock().matches.get(&id).cloned())
    }

    async fn matches_of_request(&self, request: PostId) -> Result<Vec<Match>, StoreError> {
        Ok(self.lock().matches.values().filter(|m| m.request_id == request).cloned().collect())
    }

    async fn matches_of_member(&self, member: MemberId) -> Result<Vec<Match>, StoreError> {
        Ok(self
            .lock()
            .matches
            .values()
            .filter(|m| m.helper_id == member || m.requester_id == member)
            .cloned()
            .collect())
    }

    async fn matches_asking(&self, helper: MemberId) -> Result<Vec<Match>, StoreError> {
        Ok(self
            .lock()
            .matches
            .values()
            .filter(|m| m.helper_id == helper && m.state == MatchState::Asked)
            .cloned()
            .collect())
    }

    async fn excluded_needs(&self, community: CommunityId) -> Result<Vec<(PostId, String)>, StoreError> {
        let state = self.lock();
        Ok(state
            .excluded
            .iter()
            .filter(|(offer, _)| {
                state.posts.get(offer).is_some_and(|post| post.community_id == community && post.state.is_open())
            })
            .cloned()
            .collect())
    }

    async fn invitation_by_code(&self, community: CommunityId, code: &str) -> Result<Option<Invitation>, StoreError> {
        Ok(self.lock().invitations.iter().find(|i| i.community_id == community && i.code == code).cloned())
    }

    async fn invitations_since(&self, sponsor: MemberId, since: Timestamp) -> Result<Vec<Invitation>, StoreError> {
        let mut found: Vec<Invitation> = self
            .lock()
            .invitations
            .iter()
            .filter(|i| i.sponsor_id == sponsor && i.created_at >= since)
            .cloned()
            .collect();
        found.sort_by_key(|i| (i.created_at, i.id));
        Ok(found)
    }

    async fn invitation_used_by(&self, member: MemberId) -> Result<Option<Invitation>, StoreError> {
        Ok(self.lock().invitations.iter().find(|i| i.used_by == Some(member)).cloned())
    }

    async fn invitation_by_id(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
        Ok(self.lock().invitations.iter().find(|i| i.id == id).cloned())
    }

    async fn links_of_invitation(&self, invitation: InvitationId) -> Result<Vec<(Platform, String)>, StoreError> {
        Ok(self
            .lock()
            .invitation_links
            .iter()
            .filter(|(id, _, _)| *id == invitation)
            .map(|(_, platform, link)| (*platform, link.clone()))
            .collect())
    }

    async fn invitation_by_link(&self, platform: Platform, link: &str) -> Result<Option<Invitation>, StoreError> {
        let state = self.lock();
        let id = state.invitation_links.iter().find(|(_, p, l)| *p == platform && l == link).map(|(id, _, _)| *id);
        Ok(id.and_then(|id| state.invitations.iter().find(|i| i.id == id).cloned()))
    }

    async fn held_join(&self, community: CommunityId, id: i64) -> Result<Option<HeldJoin>, StoreError> {
        Ok(self.lock().held_joins.iter().find(|h| h.community_id == community && h.id == id).cloned())
    }

    async fn open_held_joins(&self, community: CommunityId) -> Result<Vec<HeldJoin>, StoreError> {
        Ok(self
            .lock()
            .held_joins
            .iter()
            .filter(|h| h.community_id == community && h.outcome.is_none())
            .cloned()
            .collect())
    }

    async fn settled_held_joins(&self, community: CommunityId, count: usize) -> Result<Vec<HeldJoin>, StoreError> {
        let mut settled: Vec<HeldJoin> = (self.lock().held_joins.iter())
            .filter(|h| h.community_id == community && h.settled_at.is_some())
            .cloned()
            .collect();
        settled.sort_by_key(|h| std::cmp::Reverse((h.settled_at, h.id)));
        settled.truncate(count);
        Ok(settled)
    }

    async fn moderators(&self, community: CommunityId) -> Result<Vec<Member>, StoreError> {
        Ok(self
            .lock()
            .members
            .values()
            .filter(|m| m.community_id == community && m.role.can_moderate() && m.status == MemberStatus::Active)
            .cloned()
            .collect())
    }

    async fn sponsored_by(&self, sponsor: MemberId) -> Result<Vec<Member>, StoreError> {
        Ok(self.lock().members.values().filter(|m| m.sponsor_id == Some(sponsor)).cloned().collect())
    }

    async fn vouchers_of(&self, candidate: MemberId) -> Result<Vec<MemberId>, StoreError> {
        let state = self.lock();
        let mut vouches: Vec<&(MemberId, MemberId, Timestamp)> =
            state.vouches.iter().filter(|(c, _, _)| *c == candidate).collect();
        vouches.sort_by_key(|(_, voucher, at)| (*at, *voucher));
        Ok(vouches.into_iter().map(|(_, voucher, _)| *voucher).collect())
    }

    async fn candidates(&self, community: CommunityId) -> Result<Vec<Member>, StoreError> {
        Ok(self
            .lock()
            .members
            .values()
            .filter(|m| m.community_id == community && m.status == MemberStatus::Candidate)
            .cloned()
            .collect())
    }

    async fn link_code(&self, community: CommunityId, code: &str) -> Result<Option<LinkCode>, StoreError> {
        Ok(self.lock().link_codes.iter().find(|c| c.community_id == community && c.code == code).cloned())
    }

    async fn audit(&self, community: CommunityId, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .lock()
            .audit
            .iter()
            .rev()
            .filter(|e| {
                e.community_id == community
                    && query.actor.is_none_or(|actor| e.actor_id == Some(actor))
                    && query.target.is_none_or(|target| e.target_id == Some(target))
                    && query.action.is_none_or(|action| e.action == action)
                    && query.since.is_none_or(|since| e.at >= since)
                    && query.until.is_none_or(|until| e.at < until)
            })
            .skip(query.offset as usize)
            .take(query.limit as usize)
            .cloned()
            .collect())
    }

    async fn posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
        Ok(self.lock().posts.values().filter(|p| p.author_id == author).cloned().collect())
    }

    async fn invitations_of(&self, sponsor: MemberId) -> Result<Vec<Invitation>, StoreError> {
        Ok(self.lock().invitations.iter().filter(|i| i.sponsor_id == sponsor).cloned().collect())
    }

    async fn suspensions_over(&self, community: CommunityId, now: Timestamp) -> Result<Vec<Member>, StoreError> {
        Ok(self
            .lock()
            .members
            .values()
            .filter(|m| {
                m.community_id == community
                    && m.status == MemberStatus::Suspended
                    && m.suspended_until.is_some_and(|until| until <= now)
            })
            .cloned()
            .collect())
    }

    async fn report(&self, community: CommunityId, id: i64) -> Result<Option<Report>, StoreError> {
        Ok(self.lock().reports.get(&id).filter(|r| r.community_id == community).cloned())
    }

    async fn pending_reports(&self, community: CommunityId) -> Result<Vec<Report>, StoreError> {
        Ok(self
            .lock()
            .reports
            .values()
            .filter(|r| r.community_id == community && r.state.is_pending())
            .cloned()
            .collect())
    }

    async fn announcement(&self, community: CommunityId, id: i64) -> Result<Option<Announcement>, StoreError> {
        Ok(self.lock().announcements.iter().find(|a| a.id == id && a.community_id == community).cloned())
    }

    async fn announcement_messages(&self, id: i64) -> Result<Vec<(Platform, String, String)>, StoreError> {
        let state = self.lock();
        let shown = state.announcement_messages.iter().filter(|(a, ..)| *a == id);
        Ok(shown.map(|(_, platform, chat, message)| (*platform, chat.clone(), message.clone())).collect())
    }

    async fn transfers_of(&self, member: MemberId, limit: u32) -> Result<Vec<Transfer>, StoreError> {
        let state = self.lock();
        let mine = state.transfers.iter().rev().filter(|t| t.from == member || t.to == member);
        Ok(mine.take(limit as usize).cloned().collect())
    }

    async fn balance(&self, member: MemberId) -> Result<i64, StoreError> {
        Ok(self.lock().ledger.iter().filter(|(_, m, _)| *m == member).map(|(_, _, minutes)| minutes).sum())
    }

    async fn ledger_sum(&self, community: CommunityId) -> Result<i64, StoreError> {
        Ok(self.lock().ledger.iter().filter(|(c, _, _)| *c == community).map(|(_, _, minutes)| minutes).sum())
    }

    async fn transfer(&self, community: CommunityId, id: i64) -> Result<Option<Transfer>, StoreError> {
        Ok(self.lock().transfers.iter().find(|t| t.id == id && t.community_id == community).cloned())
    }

    async fn reports_involving(&self, member: MemberId) -> Result<Vec<Report>, StoreError> {
        Ok(self.lock().reports.values().filter(|r| r.reporter_id == member || r.target_id == member).cloned().collect())
    }

    async fn barred_accounts(&self, community: CommunityId) -> Result<Vec<BarredAccount>, StoreError> {
        Ok(self.lock().barred.iter().filter(|b| b.community_id == community).cloned().collect())
    }

    async fn activity(&self, community: CommunityId, since: Timestamp) -> Result<crate::stats::Activity, StoreError> {
        let state = self.lock();
        let requests: Vec<Post> = state
            .posts
            .values()
            .filter(|p| p.community_id == community && p.kind == PostKind::Request && p.created_at >= since)
            .cloned()
            .collect();
        let mut first_help: BTreeMap<PostId, Timestamp> = BTreeMap::new();
        for found in state.matches.values() {
            if let Some(at) = found.accepted_at
                && requests.iter().any(|r| r.id == found.request_id)
            {
                let first = first_help.entry(found.request_id).or_insert(at);
                *first = (*first).min(at);
            }
        }
        let invitations: Vec<&Invitation> =
            state.invitations.iter().filter(|i| i.community_id == community && i.created_at >= since).collect();
        let asks = state
            .matches
            .values()
            .filter(|m| m.created_at >= since)
            .filter_map(|m| {
                let request = state.posts.get(&m.request_id).filter(|r| r.community_id == community)?;
                Some(crate::stats::Ask {
                    topic: request.topic.clone(),
                    asked_at: m.created_at,
                    state: m.state,
                    accepted: m.accepted_at.is_some(),
                    reason: m.decline_reason,
                    request_open: request.state.is_open(),
                })
            })
            .collect();
        Ok(crate::stats::Activity {
            asks,
            requests,
            first_help: first_help.into_iter().collect(),
            active_members: state
                .members
                .values()
                .filter(|m| m.community_id == community && state.is_matchable(m.id))
                .count() as u64,
            invitations_sent: invitations.len() as u64,
            invitations_accepted: invitations.iter().filter(|i| i.used_by.is_some()).count() as u64,
        })
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

    async fn due_messages(
        &self,
        platform: Platform,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let state = self.lock();
        let retrying = |row: &Row| row.pending() && row.message.attempts > 0 && row.not_before > now;
        let waits_behind = |row: &Row| {
            state.outbox.iter().any(|earlier| {
                earlier.message.id < row.message.id
                    && earlier.message.message.to == row.message.message.to
                    && retrying(earlier)
            })
        };
        Ok(state
            .outbox
            .iter()
            .filter(|row| row.pending() && row.not_before <= now && row.message.message.to.platform == platform)
            .filter(|row| !waits_behind(row))
            .take(limit as usize)
            .map(|row| row.message.clone())
            .collect())
    }

    async fn mark_sent(&self, id: i64, _at: Timestamp) -> Result<(), StoreError> {
        if let Some(row) = self.lock().outbox.iter_mut().find(|row| row.message.id == id) {
            row.sent = true;
            // What was sent is not kept.
            row.message.message.body = OutgoingBody::Text { text: String::new() };
        }
        Ok(())
    }

    async fn mark_failed(&self, id: i64, retry_at: Timestamp, error: &str, park: bool) -> Result<(), StoreError> {
        if let Some(row) = self.lock().outbox.iter_mut().find(|row| row.message.id == id && row.pending()) {
            row.message.attempts += 1;
            row.message.last_error = Some(error.to_owned());
            row.not_before = retry_at;
            row.parked = park;
            row.claim = None;
        }
        Ok(())
    }

    async fn claim_due(
        &self,
        platform: Platform,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let mut state = self.lock();
        while state.outbox.get(state.outbox_done).is_some_and(|row| !row.pending()) {
            state.outbox_done += 1;
        }
        // A recipient's message, if due and free and behind no earlier one meant for the same
        // time or sooner (a follow-up scheduled for later holds nothing up).
        // Messages and platform actions are two queues: an action never waits behind a
        // message the person cannot receive yet.
        let mut earliest: HashMap<(&AccountRef, bool), Timestamp> = HashMap::new();
        let mut eligible: Vec<(bool, usize)> = Vec::new();
        for (index, row) in state.outbox.iter().enumerate().skip(state.outbox_done) {
            let to = &row.message.message.to;
            if !row.pending() || to.platform != platform {
                continue;
            }
            let lane = (to, row.message.message.body.is_message());
            let waits = earliest.get(&lane).is_some_and(|earlier| *earlier <= row.queued_for);
            let first = earliest.entry(lane).or_insert(row.queued_for);
            *first = (*first).min(row.queued_for);
            if waits {
                continue;
            }
            let free = row.claim.as_ref().is_none_or(|(_, until)| *until <= now);
            if free && row.not_before <= now {
                eligible.push((row.message.message.body.is_urgent(), index));
            }
        }
        eligible.sort_by_key(|(urgent, index)| (!urgent, *index));
        let mut claimed = Vec::new();
        for (_, index) in eligible.into_iter().take(limit as usize) {
            let row = &mut state.outbox[index];
            row.claim = Some((worker.to_owned(), lease_until));
            claimed.push(row.message.clone());
        }
        Ok(claimed)
    }

    async fn release(&self, id: i64, worker: &str, not_before: Timestamp) -> Result<(), StoreError> {
        let mine = |row: &Row| row.claim.as_ref().is_some_and(|(by, _)| by == worker);
        if let Some(row) = self.lock().outbox.iter_mut().find(|row| row.message.id == id && row.pending() && mine(row))
        {
            row.claim = None;
            row.not_before = not_before;
        }
        Ok(())
    }

    async fn outbox_backlog(&self, now: Timestamp) -> Result<Vec<Backlog>, StoreError> {
        let state = self.lock();
        let mut backlog: BTreeMap<&'static str, Backlog> = BTreeMap::new();
        // Held behind an earlier message that waits itself (see the SQL store).
        let held = |row: &Row| {
            state.outbox.iter().any(|e| {
                e.pending()
                    && e.message.id < row.message.id
                    && e.message.message.to == row.message.message.to
                    && e.message.message.body.is_message() == row.message.message.body.is_message()
                    && e.queued_for <= row.queued_for
                    && e.not_before > now
            })
        };
        for row in state.outbox.iter().filter(|row| (row.parked && !row.sent) || (row.pending() && !held(row))) {
            let platform = row.message.message.to.platform;
            let entry =
                backlog.entry(platform.as_str()).or_insert(Backlog { platform, due: 0, oldest_due: None, parked: 0 });
            if row.parked {
                entry.parked += 1;
            } else if row.not_before <= now {
                entry.due += 1;
                entry.oldest_due = Some(entry.oldest_due.map_or(row.queued_for, |at| at.min(row.queued_for)));
            }
        }
        Ok(backlog.into_values().filter(|b| b.due > 0 || b.parked > 0).collect())
    }

    async fn census(&self, community: CommunityId) -> Result<Census, StoreError> {
        let state = self.lock();
        let mut members: BTreeMap<&'static str, (MemberStatus, u64)> = BTreeMap::new();
        for member in state.members.values().filter(|m| m.community_id == community) {
            members.entry(member.status.as_str()).or_insert((member.status, 0)).1 += 1;
        }
        let open = |kind: PostKind| {
            let posts = state.posts.values();
            posts.filter(|p| p.community_id == community && p.kind == kind && p.state.is_open()).count() as u64
        };
        Ok(Census {
            members: members.into_values().collect(),
            open_requests: open(PostKind::Request),
            open_offers: open(PostKind::Offer),
        })
    }

    async fn parked_messages(&self, community: CommunityId, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
        let state = self.lock();
        Ok(state
            .outbox
            .iter()
            .rev()
            .filter(|row| row.parked && !row.sent && state.concerns_message(community, &row.message.message))
            .take(limit as usize)
            .map(|row| row.message.clone())
            .collect())
    }

    async fn retry_parked(&self, community: CommunityId, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let mut state = self.lock();
        let Some(index) = state.outbox.iter().position(|row| row.message.id == id && row.parked && !row.sent) else {
            return Ok(false);
        };
        if !state.concerns_message(community, &state.outbox[index].message.message) {
            return Ok(false);
        }
        state.outbox_done = state.outbox_done.min(index);
        let row = &mut state.outbox[index];
        row.parked = false;
        row.message.attempts = 0;
        row.not_before = now;
        row.claim = None;
        Ok(true)
    }

    async fn mark_unreachable(
        &self,
        id: i64,
        account: &AccountRef,
        at: Timestamp,
        retry_at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.unreachable.entry(account.clone()).or_insert((at, None));
        if let Some(row) = state.outbox.iter_mut().find(|row| row.message.id == id && row.pending()) {
            row.claim = None;
            row.not_before = retry_at;
        }
        Ok(())
    }

    async fn unreachable_since(&self, account: &AccountRef) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.lock().unreachable.get(account).map(|(since, _)| *since))
    }

    async fn unreachable_members(
        &self,
        community: CommunityId,
    ) -> Result<Vec<(MemberId, Platform, Timestamp)>, StoreError> {
        let state = self.lock();
        let mut found: Vec<(MemberId, Platform, Timestamp)> = state
            .accounts
            .iter()
            .filter(|a| a.community_id == community)
            .filter_map(|a| {
                state.unreachable.get(&a.account).map(|(since, _)| (a.member_id, a.account.platform, *since))
            })
            .collect();
        found.sort_by_key(|(member, platform, since)| (*since, *member, platform.as_str()));
        Ok(found)
    }

    async fn relay_of_message(&self, platform: Platform, message_id: &str) -> Result<Option<MatchId>, StoreError> {
        Ok(self.lock().relay_messages.get(&(platform, message_id.to_owned())).copied())
    }

    async fn dead_links(
        &self,
        community: CommunityId,
        now: Timestamp,
    ) -> Result<Vec<(InvitationId, Platform, String)>, StoreError> {
        let state = self.lock();
        Ok(state
            .invitation_links
            .iter()
            .filter(|(invitation, platform, link)| {
                !state.retired_links.contains(&(*platform, link.clone()))
                    && state.invitations.iter().any(|i| {
                        i.id == *invitation
                            && i.community_id == community
                            && (i.expires_at <= now || i.used_by.is_some() || i.revoked_at.is_some())
                    })
            })
            .cloned()
            .collect())
    }

    async fn post_sources(&self, post: PostId) -> Result<Vec<(Platform, String, String, String)>, StoreError> {
        let mut found: Vec<(Platform, String, String, String)> = self
            .lock()
            .post_sources
            .iter()
            .filter(|(p, ..)| *p == post)
            .map(|(_, platform, chat, message, author)| (*platform, chat.clone(), message.clone(), author.clone()))
            .collect();
        found.sort_by(|a, b| (a.0.as_str(), &a.1, &a.2).cmp(&(b.0.as_str(), &b.1, &b.2)));
        Ok(found)
    }

    async fn post_messages(&self, post: PostId) -> Result<Vec<(Platform, String, String)>, StoreError> {
        Ok(self
            .lock()
            .post_messages
            .iter()
            .filter(|(p, ..)| *p == post)
            .map(|(_, platform, chat, message)| (*platform, chat.clone(), message.clone()))
            .collect::<Vec<_>>())
        .map(|mut shown| {
            shown.sort_by(|a, b| (a.0.as_str(), &a.1, &a.2).cmp(&(b.0.as_str(), &b.1, &b.2)));
            shown
        })
    }

    async fn event_seen(&self, platform: Platform, event_id: &str) -> Result<bool, StoreError> {
        Ok(self.lock().events.contains(&(platform, event_id.to_owned())))
    }

    async fn cursor(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.lock().cursors.get(name).cloned())
    }

    async fn pending_count(&self) -> Result<u64, StoreError> {
        Ok(self.lock().outbox.iter().filter(|row| row.pending()).count() as u64)
    }
}
