//! Upkeep, run periodically and safe from several processes: requests about to expire are
//! recalled to their authors, then expire (offers too); members long silent are asked whether
//! they are still there, then stop being matched (never removed).

#[allow(clippy::wildcard_imports)]
use super::*;

/// Posts a round reminds or expires at most, of each kind, the least recently active first:
/// a round stays short on a national board, and what is left waits for the next one (a
/// minute later).
const UPKEEP_POSTS: usize = 500;

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
        // Dashboard links and sessions nobody can use any more are not kept.
        let forget = Change::ForgetWebAccess { community: self.community.id, before: self.clock.now() };
        self.commit(vec![forget]).await?;
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
        for post in self.store.posts_to_remind(self.community.id, kind, now - ttl, soon, UPKEEP_POSTS).await? {
            // Marked even when its author is gone: it is not read again every round.
            changes.push(Change::RemindedPost { id: post.id, updated_at: post.updated_at });
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
        for request in self.store.stale_posts(self.community.id, kind, now - ttl, UPKEEP_POSTS).await? {
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
            // A post whose author is gone expires all the same, untold: left open, it would
            // come first in every round.
            if let Some(author) = self.store.member(request.author_id).await? {
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
            }
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

#[cfg(test)]
mod tests {
    use super::super::tests::founded;
    use super::*;
    use crate::model::{Category, OutgoingBody, Place, Platform, Post};
    use crate::ports::store_prelude::*;
    use crate::settings::Settings;

    /// A round expires at most `UPKEEP_POSTS` posts of a kind, the least recently active
    /// first, and leaves the rest to the next; a post is read for its reminder once.
    #[tokio::test]
    async fn a_round_is_bounded_and_a_reminder_is_read_once() {
        let (service, store) = founded(Settings::default()).await;
        let community = service.community().id;
        let alice = store.members_named(community, "alice").await.expect("store")[0].id;
        let ttl = service.ttl(PostKind::Request);
        let reminder = service.settings().request_reminder;
        let stale = UPKEEP_POSTS as i64 + 2;
        let first = store.allocate_ids(IdKind::Post, stale as u32 + 1).await.expect("ids");
        // The clock reads 0: post k was last active k seconds before it was due to expire,
        // and the last one is due for its reminder.
        let request = |id: i64, updated_at: i64| Post {
            id,
            community_id: community,
            author_id: alice,
            kind: PostKind::Request,
            category: Category::Lend,
            topic: "tools".to_owned(),
            text: "une perceuse".to_owned(),
            place: Place::Online,
            state: PostState::Open,
            created_at: updated_at,
            updated_at,
            on_behalf_of: None,
        };
        let mut posts: Vec<Change> = (0..stale).map(|k| Change::InsertPost(request(first + k, -ttl - 1 - k))).collect();
        let reminded = first + stale;
        posts.push(Change::InsertPost(request(reminded, -ttl + reminder / 2)));
        store.apply(posts).await.expect("posts");

        assert_eq!(service.upkeep().await.expect("a round"), UPKEEP_POSTS);
        let state = |id: i64| {
            let store = &store;
            async move { store.post(id).await.expect("store").expect("the post").state }
        };
        assert_eq!(state(first + stale - 1).await, PostState::Expired, "the least recently active first");
        assert_eq!((state(first).await, state(first + 1).await), (PostState::Open, PostState::Open));
        let due = store.due_messages(Platform::Console, i64::MAX, 1_000).await.expect("store");
        let told = due.iter().filter(
            |m| matches!(&m.message.body, OutgoingBody::Text { text } if text.contains(&format!("n°{reminded}"))),
        );
        assert_eq!(told.count(), 1, "the author is reminded");
        let again = store.posts_to_remind(community, PostKind::Request, -ttl, reminder - ttl, 10).await;
        assert!(again.expect("store").is_empty(), "and the post is not read for it again");

        assert_eq!(service.upkeep().await.expect("a round"), 2, "the rest, at the next round");
        assert_eq!(state(reminded).await, PostState::Open);
    }
}
