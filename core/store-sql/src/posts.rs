//! Requests, offers, matches, relays and announcements, read from SQL.

/// Posts, matches, relays and announcements, for one backend.
macro_rules! sql_posts {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl PostStore for $store {
            async fn post(&self, id: PostId) -> Result<Option<Post>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::post_from).transpose()
            }

            async fn posts_by_id(&self, ids: &[PostId]) -> Result<Vec<Post>, StoreError> {
                let head = concat!("SELECT ", post_columns!(), " FROM posts WHERE id IN (");
                let mut posts =
                    self.rows_among(head, ids, None).await?.iter().map(Self::post_from).collect::<Result<Vec<_>, _>>()?;
                posts.sort_by_key(|post| post.id);
                posts.dedup_by_key(|post| post.id);
                Ok(posts)
            }

            async fn open_posts(&self, community: CommunityId, kind: PostKind) -> Result<Vec<Post>, StoreError> {
                use futures_util::TryStreamExt;
                // Row by row: the whole board read at once held each of 100,000 posts twice
                // more (sqlx's rows and SQLite's copies of their values), and the memory
                // freed after start stayed with the process.
                let mut rows = sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts \
                     WHERE community_id = $1 AND kind = $2 AND state IN ('open', 'proposed') ORDER BY id"))
                .bind(community)
                .bind(kind.as_str())
                .fetch(&self.pool);
                let mut posts = Vec::new();
                while let Some(row) = rows.try_next().await.map_err(backend)? {
                    posts.push(Self::post_from(&row)?);
                }
                Ok(posts)
            }

            async fn kept_analyses(&self, community: CommunityId, kind: PostKind, fingerprint: &str) -> Result<Vec<(PostId, Vec<u8>)>, StoreError> {
                use futures_util::TryStreamExt;
                let mut rows = sqlx::query(
                    "SELECT a.post_id AS post_id, a.analysis AS analysis FROM posts p JOIN post_analyses a ON a.post_id = p.id \
                     WHERE p.community_id = $1 AND p.kind = $2 AND p.state IN ('open', 'proposed') AND a.fingerprint = $3",
                )
                .bind(community)
                .bind(kind.as_str())
                .bind(fingerprint)
                .fetch(&self.pool);
                let mut kept = Vec::new();
                while let Some(row) = rows.try_next().await.map_err(backend)? {
                    kept.push((row.try_get("post_id").map_err(backend)?, row.try_get("analysis").map_err(backend)?));
                }
                Ok(kept)
            }

            // Both stale searches read `posts_stale` (0029) in order and stop at `limit`: an
            // estimate of many stale posts, which PostgreSQL makes, can no longer make it read
            // every open offer.
            async fn stale_posts(
                &self,
                community: CommunityId,
                kind: PostKind,
                before: Timestamp,
                limit: usize,
            ) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = $3 \
                     AND state IN ('open', 'proposed') AND updated_at < $2 ORDER BY updated_at, id LIMIT $4"
                ))
                .bind(community)
                .bind(before)
                .bind(kind.as_str())
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn posts_to_remind(
                &self,
                community: CommunityId,
                kind: PostKind,
                after: Timestamp,
                before: Timestamp,
                limit: usize,
            ) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = $2 \
                     AND state IN ('open', 'proposed') AND updated_at > $3 AND updated_at < $4 \
                     AND (reminded_for IS NULL OR reminded_for <> updated_at) ORDER BY updated_at, id LIMIT $5"
                ))
                .bind(community)
                .bind(kind.as_str())
                .bind(after)
                .bind(before)
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn posts_changed_since(&self, community: CommunityId, kind: PostKind, since: Timestamp) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = $2 AND updated_at >= $3 ORDER BY id"
                ))
                .bind(community)
                .bind(kind.as_str())
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn live_posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE author_id = $1 AND state IN ('open', 'proposed', 'in_contact') ORDER BY id"))
                .bind(author)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn match_by_id(&self, id: MatchId) -> Result<Option<Match>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::match_from).transpose()
            }

            async fn matches_of_request(&self, request: PostId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE request_id = $1 ORDER BY id"))
                    .bind(request)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn matches_of_member(&self, member: MemberId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE helper_id = $1 OR requester_id = $1 ORDER BY id"))
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn asks_since(&self, helpers: &[MemberId], since: Timestamp) -> Result<Vec<Match>, StoreError> {
                // Found by helper (`+created_at` keeps SQLite off the index by time, which
                // holds a month of the whole community's asks).
                let head = concat!("SELECT ", match_columns!(), " FROM matches WHERE helper_id IN (");
                let mut asks = self
                    .rows_among(head, helpers, Some((" AND +created_at >= ", since)))
                    .await?
                    .iter()
                    .map(Self::match_from)
                    .collect::<Result<Vec<_>, _>>()?;
                asks.sort_by_key(|found| (found.created_at, found.id));
                asks.dedup_by_key(|found| found.id);
                Ok(asks)
            }

            async fn matches_asking(&self, helper: MemberId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE helper_id = $1 AND state = 'asked' ORDER BY id"))
                    .bind(helper)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn excluded_needs(&self, community: CommunityId) -> Result<Vec<(PostId, String)>, StoreError> {
                // From the exclusions (CROSS JOIN keeps SQLite to that order), not from every
                // post of the community: this runs for each request and offer. They are
                // read whole, all communities and closed offers included, as long as the
                // exclusions of closed offers are kept (#25, next).
                sqlx::query(
                    "SELECT e.offer_id AS offer_id, e.concept AS concept FROM offer_exclusions e CROSS JOIN posts p \
                     WHERE p.id = e.offer_id AND p.community_id = $1 AND p.state IN ('open', 'proposed')",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| Ok((row.try_get("offer_id").map_err(backend)?, row.try_get("concept").map_err(backend)?)))
                .collect()
            }

            async fn relay_of_message(&self, platform: Platform, message_id: &str) -> Result<Option<MatchId>, StoreError> {
                let row = sqlx::query("SELECT match_id FROM relay_messages WHERE platform = $1 AND message_id = $2")
                    .bind(platform.as_str())
                    .bind(message_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.map(|row| row.try_get("match_id").map_err(backend)).transpose()
            }

            async fn posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE author_id = $1 ORDER BY id"))
                    .bind(author)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::post_from)
                    .collect()
            }

            async fn announcement(&self, community: CommunityId, id: i64) -> Result<Option<Announcement>, StoreError> {
                let row = sqlx::query("SELECT id, community_id, author_id, text, state, created_at FROM announcements WHERE id = $1 AND community_id = $2")
                    .bind(id)
                    .bind(community)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                let Some(row) = row else { return Ok(None) };
                let state: String = row.try_get("state").map_err(backend)?;
                Ok(Some(Announcement {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    author_id: row.try_get("author_id").map_err(backend)?,
                    text: row.try_get("text").map_err(backend)?,
                    state: parse("announcement state", &state, AnnouncementState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                }))
            }

            async fn announcement_messages(&self, id: i64) -> Result<Vec<(Platform, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message FROM announcement_messages WHERE announcement_id = $1 ORDER BY platform, chat")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter().map(Self::shown_from).collect()
            }

            async fn post_sources(&self, post: PostId) -> Result<Vec<(Platform, String, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message, author FROM post_sources WHERE post_id = $1 ORDER BY platform, chat, message")
                    .bind(post)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let (platform, chat, message) = Self::shown_from(row)?;
                        Ok((platform, chat, message, row.try_get("author").map_err(backend)?))
                    })
                    .collect()
            }

            async fn post_messages(&self, post: PostId) -> Result<Vec<(Platform, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message FROM post_messages WHERE post_id = $1 ORDER BY platform, chat, message")
                    .bind(post)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter().map(Self::shown_from).collect()
            }
        }
    };
}
