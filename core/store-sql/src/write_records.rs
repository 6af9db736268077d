//! How reports, settings, the audit log and time credits are written (see `write.rs`).

/// Writes one change about reports, settings, the audit log and time credits; its conflict, if its
/// precondition failed.
macro_rules! sql_write_records {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            async fn write_records(tx: &mut sqlx::Transaction<'_, $db>, change: &Change) -> Result<Option<String>, StoreError> {
                Ok(match change {
                Change::InsertReport(r) => {
                    sqlx::query(
                        "INSERT INTO reports (id, community_id, reporter_id, target_id, post_id, reason, state, handler_id, resolution, created_at, settled_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(r.id)
                    .bind(r.community_id)
                    .bind(r.reporter_id)
                    .bind(r.target_id)
                    .bind(r.post_id)
                    .bind(&r.reason)
                    .bind(r.state.as_str())
                    .bind(r.handler_id)
                    .bind(&r.resolution)
                    .bind(r.created_at)
                    .bind(r.settled_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SetReportState { id, from, to, handler, resolution, at } => {
                    let mut done = 0;
                    for state in from {
                        done += sqlx::query(
                            "UPDATE reports SET state = $1, handler_id = $2, resolution = COALESCE($3, resolution), \
                             settled_at = CASE WHEN $3 IS NULL THEN settled_at ELSE $4 END WHERE id = $5 AND state = $6",
                        )
                        .bind(to.as_str())
                        .bind(handler)
                        .bind(resolution)
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
                    (done == 0).then(|| format!("report {id} changed meanwhile"))
                }
                Change::SetSetting { community, key, value: Some(value) } => {
                    sqlx::query(
                        "INSERT INTO community_settings (community_id, key, value) VALUES ($1, $2, $3) \
                         ON CONFLICT (community_id, key) DO UPDATE SET value = excluded.value",
                    )
                    .bind(community)
                    .bind(key)
                    .bind(value)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SetSetting { community, key, value: None } => {
                    sqlx::query("DELETE FROM community_settings WHERE community_id = $1 AND key = $2")
                        .bind(community)
                        .bind(key)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    None
                }
                Change::Transfer(t) => {
                    let done = sqlx::query(
                        "INSERT INTO ledger_transactions (id, community_id, cause, request_id, corrects, reason, at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (cause) DO NOTHING",
                    )
                    .bind(t.id)
                    .bind(t.community_id)
                    .bind(&t.cause)
                    .bind(t.request_id)
                    .bind(t.corrects)
                    .bind(&t.reason)
                    .bind(t.at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    if done.rows_affected() == 0 {
                        Some(format!("{} was recorded already", t.cause))
                    } else {
                        // Double entry: what one is debited, the other is credited.
                        for (member, minutes) in [(t.from, -t.minutes), (t.to, t.minutes)] {
                            sqlx::query("INSERT INTO ledger_entries (transaction_id, member_id, minutes) VALUES ($1, $2, $3)")
                                .bind(t.id)
                                .bind(member)
                                .bind(minutes)
                                .execute(&mut **tx)
                                .await
                                .map_err(backend)?;
                        }
                        None
                    }
                }
                Change::Audit(e) => {
                    sqlx::query(
                        "INSERT INTO audit_log (community_id, actor_id, action, target_id, reason, at, platform, from_web) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(e.community_id)
                    .bind(e.actor_id)
                    .bind(e.action.as_str())
                    .bind(e.target_id)
                    .bind(&e.reason)
                    .bind(e.at)
                    .bind(e.platform.map(|p| p.as_str()))
                    .bind(e.from_web)
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
