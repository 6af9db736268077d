//! The outbox in SQL: claims with leases (`FOR UPDATE SKIP LOCKED` on PostgreSQL), retries,
//! parked messages, unreachable accounts.

/// The outbox, for one backend (`$claim`: its claiming query).
macro_rules! sql_outbox {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl OutboxStore for $store {
            async fn due_messages(&self, platform: Platform, now: Timestamp, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
                sqlx::query(
                    "SELECT id, key, platform, recipient, body, not_before, attempts, last_error FROM outbox o \
                     WHERE platform = $1 AND outcome IS NULL AND not_before <= $2 \
                     AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.platform = o.platform AND w.recipient = o.recipient \
                         AND w.outcome IS NULL AND w.attempts > 0 AND w.not_before > $2 AND w.id < o.id) \
                     ORDER BY id LIMIT $3",
                )
                .bind(platform.as_str())
                .bind(now)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::outbox_from)
                .collect()
            }

            async fn mark_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                // What was sent is not kept: the row stays, for its key, with an empty body.
                sqlx::query(
                    "UPDATE outbox SET outcome = 'sent', sent_at = $1, claimed_by = NULL, claimed_until = NULL, \
                     body = '{\"type\":\"text\",\"text\":\"\"}' WHERE id = $2 AND outcome IS NULL",
                )
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn mark_failed(&self, id: i64, retry_at: Timestamp, error: &str, park: bool) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, not_before = $1, last_error = $2, claimed_by = NULL, \
                     claimed_until = NULL, outcome = $3 WHERE id = $4 AND outcome IS NULL",
                )
                .bind(retry_at)
                .bind(error)
                .bind(park.then_some("parked"))
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
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
                let _writer = self.write_guard().await;
                let rows = sqlx::query($claim)
                    .bind(worker)
                    .bind(lease_until)
                    .bind(platform.as_str())
                    .bind(now)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                // RETURNING has no order: urgent first, then oldest.
                let mut claimed = rows
                    .iter()
                    .map(|row| Ok((row.try_get::<i64, _>("priority").map_err(backend)?, Self::outbox_from(row)?)))
                    .collect::<Result<Vec<(i64, OutboxMessage)>, StoreError>>()?;
                claimed.sort_by_key(|(priority, message)| (-priority, message.id));
                Ok(claimed.into_iter().map(|(_, message)| message).collect())
            }

            async fn release(&self, id: i64, worker: &str, not_before: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, not_before = $1 WHERE id = $2 AND outcome IS NULL AND claimed_by = $3")
                    .bind(not_before)
                    .bind(id)
                    .bind(worker)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn outbox_backlog(&self, now: Timestamp) -> Result<Vec<Backlog>, StoreError> {
                // Not those waiting behind an earlier message that is itself waiting (for an
                // unreachable person, a retry): they are held, not late.
                let due = sqlx::query(
                    "SELECT o.platform, COUNT(*) AS n, MIN(o.queued_for) AS oldest FROM outbox o \
                     WHERE o.outcome IS NULL AND o.not_before <= $1 \
                     AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.platform = o.platform AND e.recipient = o.recipient \
                         AND e.action = o.action AND e.outcome IS NULL AND e.id < o.id AND e.queued_for <= o.queued_for \
                         AND e.not_before > $1) \
                     GROUP BY o.platform",
                )
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let parked = sqlx::query("SELECT platform, COUNT(*) AS n FROM outbox WHERE outcome = 'parked' GROUP BY platform")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                let mut backlog: std::collections::BTreeMap<String, Backlog> = std::collections::BTreeMap::new();
                for (row, is_parked) in due.iter().map(|row| (row, false)).chain(parked.iter().map(|row| (row, true))) {
                    let name: String = row.try_get("platform").map_err(backend)?;
                    let count = u64::try_from(row.try_get::<i64, _>("n").map_err(backend)?).unwrap_or_default();
                    let platform = parse("platform", &name, Platform::parse)?;
                    let entry = backlog.entry(name).or_insert(Backlog { platform, due: 0, oldest_due: None, parked: 0 });
                    if is_parked {
                        entry.parked = count;
                    } else {
                        entry.due = count;
                        entry.oldest_due = row.try_get("oldest").map_err(backend)?;
                    }
                }
                Ok(backlog.into_values().collect())
            }

            async fn parked_messages(&self, community: CommunityId, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
                sqlx::query(concat!(
                    "SELECT id, key, platform, recipient, body, not_before, attempts, last_error FROM outbox \
                     WHERE outcome = 'parked' AND ", of_community!("$1"), " ORDER BY id DESC LIMIT $2"
                ))
                .bind(community)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::outbox_from)
                .collect()
            }

            async fn retry_parked(&self, community: CommunityId, id: i64, now: Timestamp) -> Result<bool, StoreError> {
                let _writer = self.write_guard().await;
                let done = sqlx::query(concat!(
                    "UPDATE outbox SET outcome = NULL, attempts = 0, not_before = $1, claimed_by = NULL, claimed_until = NULL \
                     WHERE id = $2 AND outcome = 'parked' AND ", of_community!("$3")
                ))
                .bind(now)
                .bind(id)
                .bind(community)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() > 0)
            }

            async fn mark_unreachable(&self, id: i64, account: &AccountRef, at: Timestamp, retry_at: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                let mut tx = self.pool.begin().await.map_err(backend)?;
                sqlx::query(
                    "INSERT INTO unreachable_accounts (platform, user_id, since) VALUES ($1, $2, $3) ON CONFLICT (platform, user_id) DO NOTHING",
                )
                .bind(account.platform.as_str())
                .bind(&account.user_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, not_before = $1 WHERE id = $2 AND outcome IS NULL")
                    .bind(retry_at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                tx.commit().await.map_err(backend)
            }

            async fn unreachable_since(&self, account: &AccountRef) -> Result<Option<Timestamp>, StoreError> {
                let row = sqlx::query("SELECT since FROM unreachable_accounts WHERE platform = $1 AND user_id = $2")
                    .bind(account.platform.as_str())
                    .bind(&account.user_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.map(|row| row.try_get("since").map_err(backend)).transpose()
            }

            async fn unreachable_members(&self, community: CommunityId) -> Result<Vec<(MemberId, Platform, Timestamp)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT a.member_id AS member_id, u.platform AS platform, u.since AS since FROM unreachable_accounts u \
                     JOIN accounts a ON a.platform = u.platform AND a.user_id = u.user_id \
                     WHERE a.community_id = $1 ORDER BY u.since, a.member_id, u.platform",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        let platform = Platform::parse(&platform).ok_or_else(|| corrupt("platform", &platform))?;
                        Ok((row.try_get("member_id").map_err(backend)?, platform, row.try_get("since").map_err(backend)?))
                    })
                    .collect()
            }

            async fn dead_links(&self, community: CommunityId, now: Timestamp) -> Result<Vec<(InvitationId, Platform, String)>, StoreError> {
                // From the few links still live (CROSS JOIN keeps SQLite to that order), not
                // from every invitation the community ever made: this runs every minute.
                let rows = sqlx::query(
                    "SELECT l.invitation_id AS invitation_id, l.platform AS platform, l.link AS link FROM invitation_links l \
                     CROSS JOIN invitations i WHERE i.id = l.invitation_id AND l.retired_at IS NULL AND i.community_id = $1 \
                     AND (i.expires_at <= $2 OR i.used_by IS NOT NULL OR i.revoked_at IS NOT NULL) \
                     ORDER BY l.invitation_id, l.platform",
                )
                .bind(community)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        Ok((
                            row.try_get("invitation_id").map_err(backend)?,
                            parse("platform", &platform, Platform::parse)?,
                            row.try_get("link").map_err(backend)?,
                        ))
                    })
                    .collect()
            }

            async fn pending_count(&self) -> Result<u64, StoreError> {
                let row = sqlx::query("SELECT COUNT(*) AS pending FROM outbox WHERE outcome IS NULL")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                let pending: i64 = row.try_get("pending").map_err(backend)?;
                Ok(u64::try_from(pending).unwrap_or_default())
            }
        }
    };
}
