//! The outbox in memory: claims, leases, retries, parked and unreachable.

#[allow(clippy::wildcard_imports)]
use super::*;

#[async_trait]
impl OutboxStore for MemoryStore {
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

    async fn pending_count(&self) -> Result<u64, StoreError> {
        Ok(self.lock().outbox.iter().filter(|row| row.pending()).count() as u64)
    }
}
