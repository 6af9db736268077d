//! What `/stats` reads, counted by the database (see `community.rs`'s `activity`): a national
//! network's year holds 150,000 requests and hundreds of thousands of asks, and sqlx hands
//! SQLite's rows over one by one, so only counts come back.

/// The statistics' counts, for one backend.
macro_rules! sql_stats {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// A count read from `column` of a row.
            fn counted(row: &$row, column: &str) -> Result<u64, StoreError> {
                let n: i64 = row.try_get(column).map_err(backend)?;
                Ok(u64::try_from(n).unwrap_or_default())
            }

            /// The period's requests by category, place and state, and by week and state, from
            /// indexes that hold every column counted, in the order counted (0025).
            async fn requests_counted(
                &self,
                community: CommunityId,
                since: Timestamp,
            ) -> Result<(Vec<entraide_core::stats::RequestCount>, Vec<entraide_core::stats::WeekCount>), StoreError> {
                let requests = sqlx::query(
                    "SELECT category, place_kind, place, state, COUNT(*) AS n FROM posts \
                     WHERE community_id = $1 AND kind = 'request' AND created_at >= $2 GROUP BY category, place_kind, place, state",
                )
                .bind(community)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| {
                    let category: String = row.try_get("category").map_err(backend)?;
                    let place_kind: String = row.try_get("place_kind").map_err(backend)?;
                    let state: String = row.try_get("state").map_err(backend)?;
                    Ok(entraide_core::stats::RequestCount {
                        category: parse("category", &category, Category::parse)?,
                        place: place_from(&place_kind, row.try_get("place").map_err(backend)?)?,
                        state: parse("state", &state, PostState::parse)?,
                        count: Self::counted(row, "n")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                let weeks = sqlx::query(
                    "SELECT (created_at - $2) / 604800 AS week, state, COUNT(*) AS n FROM posts \
                     WHERE community_id = $1 AND kind = 'request' AND created_at >= $2 GROUP BY week, state",
                )
                .bind(community)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| {
                    let state: String = row.try_get("state").map_err(backend)?;
                    Ok(entraide_core::stats::WeekCount {
                        week: row.try_get("week").map_err(backend)?,
                        state: parse("state", &state, PostState::parse)?,
                        count: Self::counted(row, "n")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                Ok((requests, weeks))
            }

            /// The median delay to a first yes, from what each request keeps: how many, then
            /// the middle one or two of them in order.
            async fn median_first_help(&self, community: CommunityId, since: Timestamp) -> Result<Option<i64>, StoreError> {
                let helped = sqlx::query(
                    "SELECT COUNT(*) AS n FROM posts \
                     WHERE community_id = $1 AND kind = 'request' AND created_at >= $2 AND first_yes_at IS NOT NULL",
                )
                .bind(community)
                .bind(since)
                .fetch_one(&self.pool)
                .await
                .map_err(backend)?;
                let helped = Self::counted(&helped, "n")?;
                if helped == 0 {
                    return Ok(None);
                }
                let middle: Vec<i64> = sqlx::query(
                    "SELECT CASE WHEN first_yes_at > created_at THEN first_yes_at - created_at ELSE 0 END AS delay FROM posts \
                     WHERE community_id = $1 AND kind = 'request' AND created_at >= $2 AND first_yes_at IS NOT NULL \
                     ORDER BY delay LIMIT $3 OFFSET $4",
                )
                .bind(community)
                .bind(since)
                .bind(2 - i64::from(helped % 2 == 1))
                .bind(i64::try_from((helped - 1) / 2).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| row.try_get("delay").map_err(backend))
                .collect::<Result<_, StoreError>>()?;
                Ok(match middle.as_slice() {
                    [one] => Some(*one),
                    [low, high] => Some((low + high) / 2),
                    _ => None,
                })
            }

            /// The asks of the period, counted by what the statistics tell apart: the settled
            /// days' from their daily counts (0027), from the first of the period on; the
            /// later ones from the asks themselves.
            async fn asks_counted(
                &self,
                community: CommunityId,
                since: Timestamp,
                now: Timestamp,
            ) -> Result<Vec<entraide_core::stats::Ask>, StoreError> {
                let settled = entraide_core::stats::settled_days(since, now);
                if settled.is_empty() {
                    return self.asks_one_by_one(community, since, Timestamp::MAX, since, now).await;
                }
                let mut asks = self.asks_one_by_one(community, settled.end * 86_400, Timestamp::MAX, since, now).await?;
                let by_day = sqlx::query(
                    "SELECT topic, (day * 86400 - $2) / 604800 AS week, accepted, reason, CAST(SUM(asks) AS BIGINT) AS n \
                     FROM ask_days WHERE community_id = $1 AND day >= $3 AND day < $4 AND asks <> 0 \
                     GROUP BY topic, week, accepted, reason",
                )
                .bind(community)
                .bind(since)
                .bind(settled.start)
                .bind(settled.end)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                for row in &by_day {
                    let reason: String = row.try_get("reason").map_err(backend)?;
                    asks.push(entraide_core::stats::Ask {
                        topic: row.try_get("topic").map_err(backend)?,
                        week: row.try_get("week").map_err(backend)?,
                        accepted: row.try_get("accepted").map_err(backend)?,
                        reason: (!reason.is_empty())
                            .then(|| parse("decline reason", &reason, DeclineReason::parse))
                            .transpose()?,
                        waiting: false,
                        count: Self::counted(row, "n")?,
                    });
                }
                Ok(asks)
            }

            /// The asks made from `from` until before `until`, counted by what the statistics
            /// tell apart; led from the asks (CROSS JOIN keeps SQLite from walking the
            /// community's every post to find them).
            async fn asks_one_by_one(
                &self,
                community: CommunityId,
                from: Timestamp,
                until: Timestamp,
                since: Timestamp,
                now: Timestamp,
            ) -> Result<Vec<entraide_core::stats::Ask>, StoreError> {
                sqlx::query(
                    "SELECT p.topic AS topic, (m.created_at - $2) / 604800 AS week, MIN(m.created_at) AS asked_at, \
                     m.state AS state, CASE WHEN m.accepted_at IS NULL THEN 0 ELSE 1 END AS accepted, \
                     m.decline_reason AS decline_reason, p.state AS request_state, COUNT(*) AS n \
                     FROM matches m CROSS JOIN posts p WHERE p.id = m.request_id AND p.community_id = $1 \
                     AND m.created_at >= $3 AND m.created_at < $4 \
                     GROUP BY p.topic, week, m.created_at > $5, m.state, accepted, m.decline_reason, p.state",
                )
                .bind(community)
                .bind(since)
                .bind(from)
                .bind(until)
                .bind(now - entraide_core::stats::ANSWER_WINDOW)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| {
                    let state: String = row.try_get("state").map_err(backend)?;
                    let request_state: String = row.try_get("request_state").map_err(backend)?;
                    let reason: Option<String> = row.try_get("decline_reason").map_err(backend)?;
                    let accepted: i32 = row.try_get("accepted").map_err(backend)?;
                    Ok(entraide_core::stats::Ask {
                        topic: row.try_get("topic").map_err(backend)?,
                        week: row.try_get("week").map_err(backend)?,
                        accepted: accepted == 1,
                        reason: reason.map(|reason| parse("decline reason", &reason, DeclineReason::parse)).transpose()?,
                        waiting: entraide_core::stats::may_still_be_answered(
                            parse("match state", &state, MatchState::parse)?,
                            parse("state", &request_state, PostState::parse)?.is_open(),
                            row.try_get("asked_at").map_err(backend)?,
                            now,
                        ),
                        count: Self::counted(row, "n")?,
                    })
                })
                .collect()
            }
        }
    };
}
