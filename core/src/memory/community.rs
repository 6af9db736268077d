//! Members, invitations, moderation and time credits, read from memory.

#[allow(clippy::wildcard_imports)]
use super::*;

#[async_trait]
impl MemberStore for MemoryStore {
    async fn account(&self, community: CommunityId, account: &AccountRef) -> Result<Option<Account>, StoreError> {
        Ok(self.lock().accounts.iter().find(|a| a.community_id == community && &a.account == account).cloned())
    }

    async fn linked_among(
        &self,
        community: CommunityId,
        accounts: &[AccountRef],
    ) -> Result<Vec<AccountRef>, StoreError> {
        let state = self.lock();
        let linked: HashSet<&AccountRef> =
            state.accounts.iter().filter(|a| a.community_id == community).map(|a| &a.account).collect();
        Ok(accounts.iter().filter(|account| linked.contains(account)).cloned().collect())
    }

    async fn accounts_of(&self, member: MemberId) -> Result<Vec<Account>, StoreError> {
        Ok(self.lock().accounts.iter().filter(|a| a.member_id == member).cloned().collect())
    }

    async fn member(&self, id: MemberId) -> Result<Option<Member>, StoreError> {
        Ok(self.lock().members.get(&id).cloned())
    }

    async fn members_by_id(&self, ids: &[MemberId]) -> Result<Vec<Member>, StoreError> {
        let state = self.lock();
        let ids: BTreeSet<MemberId> = ids.iter().copied().collect();
        Ok(ids.iter().filter_map(|id| state.members.get(id).cloned()).collect())
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

    async fn moderators(&self, community: CommunityId) -> Result<Vec<Member>, StoreError> {
        Ok(self
            .lock()
            .members
            .values()
            .filter(|m| m.community_id == community && m.role.can_moderate() && m.status == MemberStatus::Active)
            .cloned()
            .collect())
    }

    async fn sponsored(&self, sponsor: MemberId) -> Result<Vec<(MemberId, u64)>, StoreError> {
        let state = self.lock();
        let invitees = |sponsor: MemberId| -> Vec<MemberId> {
            let mut ids: Vec<MemberId> =
                state.members.values().filter(|m| m.sponsor_id == Some(sponsor)).map(|m| m.id).collect();
            ids.sort_unstable();
            ids
        };
        // Counted by walking: the memory store serves tests, not national networks.
        let below = |root: MemberId| -> u64 {
            let mut seen = std::collections::HashSet::from([root]);
            let mut next = invitees(root);
            while let Some(id) = next.pop() {
                if seen.insert(id) {
                    next.extend(invitees(id));
                }
            }
            seen.len() as u64 - 1
        };
        Ok(invitees(sponsor).into_iter().map(|id| (id, below(id))).collect())
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
}

#[async_trait]
impl InvitationStore for MemoryStore {
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

    async fn invitations_of(&self, sponsor: MemberId) -> Result<Vec<Invitation>, StoreError> {
        Ok(self.lock().invitations.iter().filter(|i| i.sponsor_id == sponsor).cloned().collect())
    }
}

#[async_trait]
impl ModerationStore for MemoryStore {
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
                    && query
                        .words
                        .as_ref()
                        .is_none_or(|words| e.reason.to_ascii_lowercase().contains(&words.to_ascii_lowercase()))
            })
            .skip(query.offset as usize)
            .take(query.limit as usize)
            .cloned()
            .collect())
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

    async fn reports_involving(&self, member: MemberId) -> Result<Vec<Report>, StoreError> {
        Ok(self.lock().reports.values().filter(|r| r.reporter_id == member || r.target_id == member).cloned().collect())
    }

    async fn barred_accounts(&self, community: CommunityId) -> Result<Vec<BarredAccount>, StoreError> {
        Ok(self.lock().barred.iter().filter(|b| b.community_id == community).cloned().collect())
    }

    async fn activity(
        &self,
        community: CommunityId,
        since: Timestamp,
        now: Timestamp,
    ) -> Result<crate::stats::Activity, StoreError> {
        let state = self.lock();
        let requests: Vec<&Post> = state
            .posts
            .values()
            .filter(|p| p.community_id == community && p.kind == PostKind::Request && p.created_at >= since)
            .collect();
        let mut first_help: BTreeMap<PostId, Timestamp> = BTreeMap::new();
        for found in state.matches.values() {
            if let Some(at) = found.accepted_at
                && let Some(request) = requests.iter().find(|r| r.id == found.request_id)
            {
                let delay = at - request.created_at;
                let first = first_help.entry(found.request_id).or_insert(delay);
                *first = (*first).min(delay);
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
                    week: crate::stats::week_of(m.created_at, since),
                    accepted: m.accepted_at.is_some(),
                    reason: m.decline_reason,
                    waiting: crate::stats::may_still_be_answered(m.state, request.state.is_open(), m.created_at, now),
                    count: 1,
                })
            })
            .collect();
        let (counted, weeks) = crate::stats::count_requests(requests, since);
        Ok(crate::stats::Activity {
            asks,
            requests: counted,
            weeks,
            median_first_help: crate::stats::median(first_help.into_values()),
            active_members: state
                .members
                .values()
                .filter(|m| m.community_id == community && state.is_matchable(m.id))
                .count() as u64,
            invitations_sent: invitations.len() as u64,
            invitations_accepted: invitations.iter().filter(|i| i.used_by.is_some()).count() as u64,
        })
    }
}

#[async_trait]
impl CreditStore for MemoryStore {
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
}
