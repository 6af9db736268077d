//! Requests, offers, matches, relays and announcements, read from memory.

#[allow(clippy::wildcard_imports)]
use super::*;

#[async_trait]
impl PostStore for MemoryStore {
    async fn post(&self, id: PostId) -> Result<Option<Post>, StoreError> {
        Ok(self.lock().posts.get(&id).cloned())
    }

    async fn posts_by_id(&self, ids: &[PostId]) -> Result<Vec<Post>, StoreError> {
        let state = self.lock();
        let ids: BTreeSet<PostId> = ids.iter().copied().collect();
        Ok(ids.iter().filter_map(|id| state.posts.get(id).cloned()).collect())
    }

    async fn asks_since(&self, helpers: &[MemberId], since: Timestamp) -> Result<Vec<Match>, StoreError> {
        let mut asks: Vec<Match> = self
            .lock()
            .matches
            .values()
            .filter(|m| helpers.contains(&m.helper_id) && m.created_at >= since)
            .cloned()
            .collect();
        asks.sort_by_key(|m| (m.created_at, m.id));
        Ok(asks)
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

    async fn kept_analyses(
        &self,
        community: CommunityId,
        kind: PostKind,
        fingerprint: &str,
    ) -> Result<Vec<(PostId, Vec<u8>)>, StoreError> {
        let state = self.lock();
        Ok(state
            .analyses
            .iter()
            .filter(|(post, (kept_by, _))| {
                kept_by == fingerprint
                    && state
                        .posts
                        .get(post)
                        .is_some_and(|p| p.community_id == community && p.kind == kind && p.state.is_open())
            })
            .map(|(post, (_, analysis))| (*post, analysis.clone()))
            .collect())
    }

    async fn stale_posts(
        &self,
        community: CommunityId,
        kind: PostKind,
        before: Timestamp,
        limit: usize,
    ) -> Result<Vec<Post>, StoreError> {
        let state = self.lock();
        Ok(least_recently_active(&state, community, kind, limit, |p| p.updated_at < before))
    }

    async fn posts_to_remind(
        &self,
        community: CommunityId,
        kind: PostKind,
        after: Timestamp,
        before: Timestamp,
        limit: usize,
    ) -> Result<Vec<Post>, StoreError> {
        let state = self.lock();
        Ok(least_recently_active(&state, community, kind, limit, |p| {
            p.updated_at > after && p.updated_at < before && state.reminded.get(&p.id) != Some(&p.updated_at)
        }))
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

    async fn posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
        Ok(self.lock().posts.values().filter(|p| p.author_id == author).cloned().collect())
    }

    async fn announcement(&self, community: CommunityId, id: i64) -> Result<Option<Announcement>, StoreError> {
        Ok(self.lock().announcements.iter().find(|a| a.id == id && a.community_id == community).cloned())
    }

    async fn announcement_messages(&self, id: i64) -> Result<Vec<(Platform, String, String)>, StoreError> {
        let state = self.lock();
        let shown = state.announcement_messages.iter().filter(|(a, ..)| *a == id);
        Ok(shown.map(|(_, platform, chat, message)| (*platform, chat.clone(), message.clone())).collect())
    }

    async fn relay_of_message(&self, platform: Platform, message_id: &str) -> Result<Option<MatchId>, StoreError> {
        Ok(self.lock().relay_messages.get(&(platform, message_id.to_owned())).copied())
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
}

/// At most `limit` open posts of a kind that `keep` takes, least recently active first (as
/// the SQL stores read them, by `updated_at` then id).
fn least_recently_active(
    state: &State,
    community: CommunityId,
    kind: PostKind,
    limit: usize,
    keep: impl Fn(&Post) -> bool,
) -> Vec<Post> {
    let mut found: Vec<&Post> = state
        .posts
        .values()
        .filter(|p| p.community_id == community && p.kind == kind && p.state.is_open() && keep(p))
        .collect();
    found.sort_by_key(|p| (p.updated_at, p.id));
    found.into_iter().take(limit).cloned().collect()
}
