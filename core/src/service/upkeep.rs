//! Upkeep, run periodically and safe from several processes: requests about to expire are
//! recalled to their authors, then expire (offers too); members long silent are asked whether
//! they are still there, then stop being matched (never removed).

#[allow(clippy::wildcard_imports)]
use super::*;

impl Service {
    /// Periodic upkeep, safe to run from several processes: requests about to expire are
    /// recalled to their authors, then expire; members long silent are asked whether they are
    /// still there, then stop being matched (never removed). Returns how many requests expired.
    pub async fn upkeep(&self) -> Result<usize, StoreError> {
        self.refresh_settings().await?;
        let mut expired = 0;
        for kind in [PostKind::Request, PostKind::Offer] {
            self.remind_posts(kind).await?;
            expired += self.expire_posts(kind).await?;
        }
        self.follow_inactivity().await?;
        self.end_suspensions().await?;
        self.retire_dead_links().await?;
        Ok(expired)
    }

    /// How long a post of a kind stays open without activity.
    pub(super) fn ttl(&self, kind: PostKind) -> i64 {
        match kind {
            PostKind::Request => self.settings().request_ttl,
            PostKind::Offer => self.settings().offer_ttl,
        }
    }

    /// Tells authors their post will expire soon, once per renewal.
    async fn remind_posts(&self, kind: PostKind) -> Result<(), StoreError> {
        let now = self.clock.now();
        let ttl = self.ttl(kind);
        let soon = now - ttl + self.settings().request_reminder;
        let mut changes = Vec::new();
        for post in self.store.stale_posts(self.community.id, kind, soon).await? {
            if post.updated_at + ttl <= now {
                continue;
            }
            let Some(author) = self.store.member(post.author_id).await? else { continue };
            let lang = author.lang;
            let text = catalog::text(
                lang,
                &format!("{kind}-reminder"),
                &[
                    ("id", post.id.into()),
                    ("text", post.text.as_str().into()),
                    ("date", crate::calendar::format_date(post.updated_at + ttl).into()),
                    ("renew", format!("/{} {}", CommandName::Renew.word(lang), post.id).into()),
                    ("close", format!("/{} {}", CommandName::Close.word(lang), post.id).into()),
                ],
            );
            let key = format!("reminder:{}:{}", post.id, post.updated_at);
            changes.extend(self.private_message(&author, key, text, now).await?);
        }
        if !changes.is_empty() {
            self.commit(changes).await?;
        }
        Ok(())
    }

    /// Asks long-silent members whether they are still there; after the grace period, they
    /// are no longer matched until they write again.
    async fn follow_inactivity(&self) -> Result<(), StoreError> {
        let now = self.clock.now();
        let settings = self.settings();
        for member in self.store.members_unseen_since(self.community.id, now - settings.inactive_after).await? {
            let lang = member.lang;
            let before = member.last_seen_at + 1;
            let changes = match member.reminded_at {
                // Asked, and still silent after the grace period: no longer matched.
                Some(asked) if asked <= now - settings.inactive_grace => {
                    let text = catalog::text(lang, "inactive-marked", &[]);
                    let mut changes = vec![Change::MarkInactive { id: member.id, before, at: now }];
                    let key = format!("inactive:{}:{}", member.id, member.last_seen_at);
                    changes.extend(self.private_message(&member, key, text, now).await?);
                    changes
                }
                Some(_) => continue,
                None => {
                    let deadline = crate::calendar::format_date(now + settings.inactive_grace);
                    let text = catalog::text(lang, "inactive-reminder", &[("date", deadline.into())]);
                    let mut changes = vec![Change::RemindedInactive { id: member.id, before, at: now }];
                    let key = format!("still-there:{}:{}", member.id, member.last_seen_at);
                    changes.extend(self.private_message(&member, key, text, now).await?);
                    changes
                }
            };
            match self.commit(changes).await {
                // Seen meanwhile, or handled by another process.
                Ok(()) | Err(StoreError::Conflict(_)) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    /// Posts left without activity for too long expire (their author is told; a request's
    /// open proposals are withdrawn). A post that another process just changed is skipped.
    async fn expire_posts(&self, kind: PostKind) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let ttl = self.ttl(kind);
        let mut expired = 0;
        for request in self.store.stale_posts(self.community.id, kind, now - ttl).await? {
            let Some(author) = self.store.member(request.author_id).await? else { continue };
            let mut changes = vec![Change::SetPostState {
                id: request.id,
                from: vec![request.state],
                to: PostState::Expired,
                at: now,
            }];
            changes.extend(self.announce_closed(&request, PostState::Expired, now).await?);
            changes.extend(self.end_relays_of_request(&request, now).await?);
            let matches = match kind {
                PostKind::Request => self.store.matches_of_request(request.id).await?,
                PostKind::Offer => Vec::new(),
            };
            let unanswered = matches.iter().filter(|m| m.state == MatchState::Asked).count() as u64;
            for found in matches {
                if matches!(found.state, MatchState::Asked | MatchState::Accepted) {
                    changes.push(Change::SetMatchState {
                        id: found.id,
                        from: found.state,
                        to: MatchState::Declined,
                        at: now,
                    });
                }
            }
            let days = (ttl / 86_400).max(1);
            let text = catalog::text(
                author.lang,
                &format!("{kind}-expired"),
                &[
                    ("id", request.id.into()),
                    ("days", days.into()),
                    ("need", format!("/{}", CommandName::Need.word(author.lang)).into()),
                    ("offer", format!("/{}", CommandName::Offer.word(author.lang)).into()),
                ],
            );
            changes.extend(self.private_message(&author, format!("expired:{}", request.id), text, now).await?);
            match self.commit(changes).await {
                Ok(()) => {
                    expired += 1;
                    crate::metrics::unanswered(&request.topic, unanswered);
                }
                Err(StoreError::Conflict(_)) => continue,
                Err(error) => return Err(error),
            }
        }
        Ok(expired)
    }
}
