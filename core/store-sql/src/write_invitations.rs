//! How invitations, their native links, and held joins are written (see `write.rs`).

/// Writes one change about invitations, their native links, and held joins; its conflict, if its
/// precondition failed.
macro_rules! sql_write_invitations {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            async fn write_invitations(tx: &mut sqlx::Transaction<'_, $db>, change: &Change) -> Result<Option<String>, StoreError> {
                Ok(match change {
                Change::CheckQuota { sponsor, since, quota } => {
                    // Locks the sponsor's row (both dialects), so that concurrent
                    // invitations by one sponsor are counted one after the other.
                    sqlx::query("UPDATE members SET invite_block = invite_block WHERE id = $1")
                        .bind(sponsor)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    let row = sqlx::query("SELECT COUNT(*) AS used FROM invitations WHERE sponsor_id = $1 AND created_at >= $2")
                        .bind(sponsor)
                        .bind(since)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(backend)?;
                    let used: i64 = row.try_get("used").map_err(backend)?;
                    (used >= i64::from(*quota)).then(|| "quota reached".to_owned())
                }
                Change::InsertInvitation(i) => {
                    let done = sqlx::query(
                        "INSERT INTO invitations (id, community_id, code, sponsor_id, created_at, expires_at, used_by, used_at, revoked_at, note) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (community_id, code) DO NOTHING",
                    )
                    .bind(i.id)
                    .bind(i.community_id)
                    .bind(&i.code)
                    .bind(i.sponsor_id)
                    .bind(i.created_at)
                    .bind(i.expires_at)
                    .bind(i.used_by)
                    .bind(i.used_at)
                    .bind(i.revoked_at)
                    .bind(&i.note)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| "invitation code exists".to_owned())
                }
                Change::RedeemInvitation { id, by, at } => {
                    let done = sqlx::query(
                        "UPDATE invitations SET used_by = $1, used_at = $2 \
                         WHERE id = $3 AND used_by IS NULL AND revoked_at IS NULL AND expires_at > $2 \
                         AND EXISTS (SELECT 1 FROM members s WHERE s.id = invitations.sponsor_id AND s.status = 'active' AND s.invite_block IS NULL)",
                    )
                    .bind(by)
                    .bind(at)
                    .bind(id)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("invitation {id} cannot be redeemed"))
                }
                Change::RevokeInvitation { id, at } => {
                    let done = sqlx::query("UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND used_by IS NULL AND revoked_at IS NULL")
                        .bind(at)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("invitation {id} cannot be revoked"))
                }
                Change::InsertInvitationLink { invitation, platform, link, at } => {
                    sqlx::query(
                        "INSERT INTO invitation_links (invitation_id, platform, link, created_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (platform, link) DO UPDATE SET invitation_id = excluded.invitation_id, \
                         created_at = excluded.created_at, retired_at = NULL \
                         WHERE invitation_links.invitation_id <> excluded.invitation_id",
                    )
                    .bind(invitation)
                    .bind(platform.as_str())
                    .bind(link)
                    .bind(at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::InsertHeldJoin(h) => {
                    let candidates = serde_json::to_string(&h.candidates).map_err(backend)?;
                    sqlx::query(
                        "INSERT INTO held_joins (id, community_id, platform, user_id, display_name, candidates, created_at, settled_by, outcome, settled_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(h.id)
                    .bind(h.community_id)
                    .bind(h.account.platform.as_str())
                    .bind(&h.account.user_id)
                    .bind(&h.display_name)
                    .bind(candidates)
                    .bind(h.created_at)
                    .bind(h.settled_by)
                    .bind(h.outcome.map(|o| o.as_str()))
                    .bind(h.settled_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SettleHeldJoin { id, by, outcome, at } => {
                    let done = sqlx::query(
                        "UPDATE held_joins SET outcome = $1, settled_by = $2, settled_at = $3 WHERE id = $4 AND outcome IS NULL",
                    )
                        .bind(outcome.as_str())
                        .bind(by)
                        .bind(at)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("held join {id} cannot be settled"))
                }
                Change::RetireLink { platform, link, at } => {
                    sqlx::query("UPDATE invitation_links SET retired_at = $1 WHERE platform = $2 AND link = $3")
                        .bind(at)
                        .bind(platform.as_str())
                        .bind(link)
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
