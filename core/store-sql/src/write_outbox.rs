//! How the outbox, inbound events, reachability and cursors are written (see `write.rs`).

/// Writes one change about the outbox, inbound events, reachability and cursors; its conflict, if
/// its precondition failed.
macro_rules! sql_write_outbox {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// Enqueues a message unless its key was ever enqueued: due at `not_before`, in its
            /// recipient's queue at `queued_for` (later for a held answer's notice).
            async fn insert_outgoing(
                tx: &mut sqlx::Transaction<'_, $db>,
                m: &Outgoing,
                not_before: Timestamp,
                queued_for: Timestamp,
            ) -> Result<(), StoreError> {
                let body = serde_json::to_string(&m.body).map_err(backend)?;
                sqlx::query(
                    "INSERT INTO outbox (key, platform, recipient, body, not_before, priority, queued_for, action) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING",
                )
                .bind(&m.key)
                .bind(m.to.platform.as_str())
                .bind(&m.to.user_id)
                .bind(body)
                .bind(not_before)
                .bind(i64::from(m.body.is_urgent()))
                .bind(queued_for)
                .bind(i64::from(!m.body.is_message()))
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn write_outbox(tx: &mut sqlx::Transaction<'_, $db>, change: &Change) -> Result<Option<String>, StoreError> {
                Ok(match change {
                Change::Enqueue(m) => {
                    Self::insert_outgoing(tx, m, m.not_before, m.not_before).await?;
                    None
                }
                Change::HoldAnswer { message: m, until } => {
                    Self::insert_outgoing(tx, m, *until, m.not_before).await?;
                    None
                }
                Change::Answer(m) => {
                    let body = serde_json::to_string(&m.body).map_err(backend)?;
                    // In the held notice's place while nobody is sending it; a
                    // notice already gone stays the only answer (ON CONFLICT).
                    let replaced = sqlx::query(
                        "UPDATE outbox SET body = $1, not_before = $2, priority = $3 \
                         WHERE key = $4 AND outcome IS NULL AND claimed_by IS NULL AND attempts = 0",
                    )
                    .bind(&body)
                    .bind(m.not_before)
                    .bind(i64::from(m.body.is_urgent()))
                    .bind(&m.key)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?
                    .rows_affected();
                    if replaced == 0 {
                        Self::insert_outgoing(tx, m, m.not_before, m.not_before).await?;
                    }
                    None
                }
                Change::CancelMessage(key) => {
                    sqlx::query("UPDATE outbox SET outcome = 'cancelled', body = '{\"type\":\"text\",\"text\":\"\"}' WHERE key = $1 AND outcome IS NULL")
                        .bind(key)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::SeenEvent { platform, event_id, at } => {
                    let done = sqlx::query(
                        "INSERT INTO inbound_events (platform, event_id, received_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (platform, event_id) DO NOTHING",
                    )
                    .bind(platform.as_str())
                    .bind(event_id)
                    .bind(at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    if done.rows_affected() == 0 {
                        // Dropping the transaction rolls it back.
                        return Err(StoreError::DuplicateEvent);
                    }
                    None
                }
                Change::Reachable { account, at } => {
                    sqlx::query("DELETE FROM unreachable_accounts WHERE platform = $1 AND user_id = $2")
                        .bind(account.platform.as_str())
                        .bind(&account.user_id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    sqlx::query(
                        "UPDATE outbox SET not_before = $1 WHERE platform = $2 AND recipient = $3 AND outcome IS NULL AND not_before > $1",
                    )
                    .bind(at)
                    .bind(account.platform.as_str())
                    .bind(&account.user_id)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::Hinted { account, at } => {
                    let done = sqlx::query(
                        "UPDATE unreachable_accounts SET hinted = $1 WHERE platform = $2 AND user_id = $3 AND hinted IS NULL",
                    )
                    .bind(at)
                    .bind(account.platform.as_str())
                    .bind(&account.user_id)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| "not unreachable, or told already".to_owned())
                }
                Change::SetCursor { name, value } => {
                    sqlx::query(
                        "INSERT INTO cursors (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    )
                    .bind(name)
                    .bind(value)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::CancelMessagesStartingWith(prefix) => {
                    sqlx::query(
                        "UPDATE outbox SET outcome = 'cancelled', body = '{\"type\":\"text\",\"text\":\"\"}' \
                         WHERE substr(key, 1, length($1)) = $1 AND outcome IS NULL",
                    )
                    .bind(prefix)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::CancelMessagesTo(account) => {
                    sqlx::query("UPDATE outbox SET outcome = 'cancelled', body = '{\"type\":\"text\",\"text\":\"\"}' WHERE platform = $1 AND recipient = $2 AND (outcome IS NULL OR outcome = 'parked')")
                        .bind(account.platform.as_str())
                        .bind(&account.user_id)
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
