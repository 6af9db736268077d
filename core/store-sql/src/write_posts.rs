//! How posts, matches, relays, where platforms show posts, announcements are written (see `write.rs`).

/// Writes one change about posts, matches, relays, where platforms show posts, announcements; its
/// conflict, if its precondition failed.
macro_rules! sql_write_posts {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// Keeps on a request when a helper first said yes (for `/stats`' median delay,
            /// counted without reading the matches): `at`, unless a yes came earlier.
            async fn first_yes(tx: &mut sqlx::Transaction<'_, $db>, found: MatchId, at: Timestamp) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE posts SET first_yes_at = $2 WHERE id = (SELECT request_id FROM matches WHERE id = $1) \
                     AND (first_yes_at IS NULL OR first_yes_at > $2)",
                )
                .bind(found)
                .bind(at)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn write_posts(tx: &mut sqlx::Transaction<'_, $db>, change: &Change) -> Result<Option<String>, StoreError> {
                Ok(match change {
                Change::InsertPost(p) => {
                    let (place_kind, place) = place_columns(&p.place);
                    sqlx::query(
                        "INSERT INTO posts (id, community_id, author_id, kind, category, topic, text, place_kind, place, state, created_at, updated_at, on_behalf_of) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    )
                    .bind(p.id)
                    .bind(p.community_id)
                    .bind(p.author_id)
                    .bind(p.kind.as_str())
                    .bind(p.category.as_str())
                    .bind(&p.topic)
                    .bind(&p.text)
                    .bind(place_kind)
                    .bind(place)
                    .bind(p.state.as_str())
                    .bind(p.created_at)
                    .bind(p.updated_at)
                    .bind(&p.on_behalf_of)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SetPostState { id, from, to, at } => {
                    let mut done = 0;
                    for state in from {
                        done += sqlx::query("UPDATE posts SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4")
                            .bind(to.as_str())
                            .bind(at)
                            .bind(id)
                            .bind(state.as_str())
                            .execute(&mut **tx)
                            .await
                            .map_err(backend)?
                            .rows_affected();
                        if done > 0 {
                            break;
                        }
                    }
                    (done == 0).then(|| format!("post {id} changed meanwhile"))
                }
                Change::InsertMatch(m) => {
                    let reasons = serde_json::to_string(&m.reasons).map_err(backend)?;
                    sqlx::query(
                        "INSERT INTO matches (id, request_id, offer_id, requester_id, helper_id, score, reasons, state, created_at, updated_at, accepted_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(m.id)
                    .bind(m.request_id)
                    .bind(m.offer_id)
                    .bind(m.requester_id)
                    .bind(m.helper_id)
                    .bind(m.score)
                    .bind(reasons)
                    .bind(m.state.as_str())
                    .bind(m.created_at)
                    .bind(m.updated_at)
                    .bind(m.accepted_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    if let Some(at) = m.accepted_at {
                        Self::first_yes(tx, m.id, at).await?;
                    }
                    None
                }
                Change::SetMatchState { id, from, to, at } => {
                    let done = sqlx::query("UPDATE matches SET state = $1, updated_at = $2, \
                         accepted_at = CASE WHEN $1 = 'accepted' THEN $2 ELSE accepted_at END WHERE id = $3 AND state = $4")
                        .bind(to.as_str())
                        .bind(at)
                        .bind(id)
                        .bind(from.as_str())
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    if *to == MatchState::Accepted && done.rows_affected() > 0 {
                        Self::first_yes(tx, *id, *at).await?;
                    }
                    (done.rows_affected() == 0).then(|| format!("match {id} changed meanwhile"))
                }
                Change::SetDeclineReason { id, reason } => {
                    sqlx::query("UPDATE matches SET decline_reason = $1 WHERE id = $2")
                        .bind(reason.as_str())
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::RemindedPost { id, updated_at } => {
                    sqlx::query("UPDATE posts SET reminded_for = $1 WHERE id = $2")
                        .bind(updated_at)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::KeepAnalyses { fingerprint, analyses } => {
                    // A few hundred rows a statement: a national board's 100,000 analyses,
                    // one statement each, took seconds of round trips to PostgreSQL. Each post
                    // once (PostgreSQL refuses to write a row twice in one statement), in
                    // order (two processes keeping the same posts lock them in one order).
                    // Only posts still open keep one: on PostgreSQL the post is locked while
                    // it is checked, so that a close or an erasure at the same moment waits,
                    // then drops the analysis.
                    let analyses: Vec<(PostId, &Vec<u8>)> = analyses
                        .iter()
                        .map(|(post, analysis)| (*post, analysis))
                        .collect::<std::collections::BTreeMap<_, _>>()
                        .into_iter()
                        .collect();
                    let lock = if <$db as sqlx::Database>::NAME == "PostgreSQL" { " FOR SHARE OF p" } else { "" };
                    for chunk in analyses.chunks(300) {
                        let mut insert = sqlx::QueryBuilder::<$db>::new(
                            "INSERT INTO post_analyses (post_id, fingerprint, analysis) \
                             SELECT v.column1, v.column2, v.column3 FROM (",
                        );
                        insert.push_values(chunk, |mut row, (post, analysis)| {
                            row.push_bind(*post).push_bind(fingerprint.as_str()).push_bind(analysis.as_slice());
                        });
                        insert.push(") AS v JOIN posts p ON p.id = v.column1 WHERE p.state IN ('open', 'proposed')");
                        insert.push(lock);
                        insert.push(
                            " ON CONFLICT (post_id) DO UPDATE SET fingerprint = excluded.fingerprint, analysis = excluded.analysis",
                        );
                        insert.build().execute(&mut **tx).await.map_err(backend)?;
                    }
                    None
                }
                Change::ExcludeNeeds { offer, concepts, at } => {
                    for concept in concepts {
                        sqlx::query(
                            "INSERT INTO offer_exclusions (offer_id, concept, created_at) VALUES ($1, $2, $3) \
                             ON CONFLICT (offer_id, concept) DO NOTHING",
                        )
                        .bind(offer)
                        .bind(concept)
                        .bind(at)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    }
                    None
                }
                Change::RestoreNeeds { offer } => {
                    sqlx::query("DELETE FROM offer_exclusions WHERE offer_id = $1")
                        .bind(offer)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::RelayMessage { platform, message_id, relay } => {
                    sqlx::query(
                        "INSERT INTO relay_messages (platform, message_id, match_id) VALUES ($1, $2, $3) \
                         ON CONFLICT (platform, message_id) DO NOTHING",
                    )
                    .bind(platform.as_str())
                    .bind(message_id)
                    .bind(relay)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::InsertAnnouncement(a) => {
                    sqlx::query(
                        "INSERT INTO announcements (id, community_id, author_id, text, state, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(a.id)
                    .bind(a.community_id)
                    .bind(a.author_id)
                    .bind(&a.text)
                    .bind(a.state.as_str())
                    .bind(a.created_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SetAnnouncementState { id, from, to } => {
                    let done = sqlx::query("UPDATE announcements SET state = $1 WHERE id = $2 AND state = $3")
                        .bind(to.as_str())
                        .bind(id)
                        .bind(from.as_str())
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("announcement {id} changed meanwhile"))
                }
                Change::InsertAnnouncementMessage { announcement, platform, chat, message } => {
                    sqlx::query(
                        "INSERT INTO announcement_messages (announcement_id, platform, chat, message) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (platform, chat, message) DO NOTHING",
                    )
                    .bind(announcement)
                    .bind(platform.as_str())
                    .bind(chat)
                    .bind(message)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::CloseRelay { id, at } => {
                    sqlx::query("UPDATE matches SET relay_closed_at = $1 WHERE id = $2 AND relay_closed_at IS NULL")
                        .bind(at)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::InsertPostSource { post, platform, chat, message, author } => {
                    sqlx::query(
                        "INSERT INTO post_sources (post_id, platform, chat, message, author) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (post_id, platform, chat, message) DO NOTHING",
                    )
                    .bind(post)
                    .bind(platform.as_str())
                    .bind(chat)
                    .bind(message)
                    .bind(author)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::InsertPostMessage { post, platform, chat, message } => {
                    sqlx::query(
                        "INSERT INTO post_messages (post_id, platform, chat, message) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (post_id, platform, chat, message) DO NOTHING",
                    )
                    .bind(post)
                    .bind(platform.as_str())
                    .bind(chat)
                    .bind(message)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                    // Written by another part (`apply_on` dispatches each kind once).
                    _ => None,
                })
            }
        }
    };
}
