//! How each [`Change`](entraide_core::ports::Change) is written, in one transaction: the one
//! write path of both backends; with the store's life, ids, settings, events and cursors.

/// The transaction that applies changes, and the id counters, for one backend.
macro_rules! sql_write {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// Moves a kind's id counter on by `count` and returns its new value. An explicit
            /// transaction, because in autocommit SQLite hands back `RETURNING`'s row before it
            /// commits: on a full disk the value came back while the commit failed, and the
            /// same ids were handed out again.
            async fn advance_counter(&self, kind: IdKind, count: u32) -> Result<i64, StoreError> {
                let _writer = self.write_guard().await;
                let mut connection = self.pool.acquire().await.map_err(backend)?;
                let result = async {
                    let mut tx = sqlx::Connection::begin(&mut *connection).await.map_err(backend)?;
                    let row = sqlx::query(
                        "INSERT INTO id_counters (kind, value) VALUES ($1, $2) \
                         ON CONFLICT (kind) DO UPDATE SET value = id_counters.value + $2 RETURNING value",
                    )
                    .bind(kind.as_str())
                    .bind(i64::from(count))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(backend)?;
                    let value: i64 = row.try_get("value").map_err(backend)?;
                    tx.commit().await.map_err(backend)?;
                    Ok(value)
                }
                .await;
                if let Err(error) = &result {
                    connection.close_on_drop();
                    self.write_failure.set(error);
                }
                result
            }

            /// Applies changes in one transaction on `connection`; nothing is written unless
            /// the commit succeeds.
            async fn apply_on(
                &self,
                connection: &mut sqlx::pool::PoolConnection<$db>,
                changes: Vec<Change>,
            ) -> Result<(), StoreError> {
                let mut tx = sqlx::Connection::begin(&mut **connection).await.map_err(backend)?;
                for change in changes {
                    let conflict = match &change {
                        Change::InsertMember(m) => {
                            sqlx::query(
                                "INSERT INTO members (id, community_id, display_name, name_key, lang, place, role, status, sponsor_id, joined_at, invite_block, last_seen_at, reminded_at, inactive_since, suspended_until) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                            )
                            .bind(m.id)
                            .bind(m.community_id)
                            .bind(&m.display_name)
                            .bind(fold(&m.display_name))
                            .bind(m.lang.as_str())
                            .bind(&m.place)
                            .bind(m.role.as_str())
                            .bind(m.status.as_str())
                            .bind(m.sponsor_id)
                            .bind(m.joined_at)
                            .bind(&m.invite_block)
                            .bind(m.last_seen_at)
                            .bind(m.reminded_at)
                            .bind(m.inactive_since)
                            .bind(m.suspended_until)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::LinkAccount(a) => {
                            let done = sqlx::query(
                                "INSERT INTO accounts (community_id, platform, user_id, member_id, display_name, linked_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, platform, user_id) DO NOTHING",
                            )
                            .bind(a.community_id)
                            .bind(a.account.platform.as_str())
                            .bind(&a.account.user_id)
                            .bind(a.member_id)
                            .bind(&a.display_name)
                            .bind(a.linked_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("{} account already linked", a.account.platform))
                        }
                        Change::SetLang(id, lang) => {
                            let done = sqlx::query("UPDATE members SET lang = $1 WHERE id = $2")
                                .bind(lang.as_str())
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::SetPlace(id, place) => {
                            let done = sqlx::query("UPDATE members SET place = $1 WHERE id = $2")
                                .bind(place)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::SetStatus { id, from, to } => {
                            let done = sqlx::query("UPDATE members SET status = $1, suspended_until = NULL WHERE id = $2 AND status = $3")
                                .bind(to.as_str())
                                .bind(id)
                                .bind(from.as_str())
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} changed meanwhile"))
                        }
                        Change::Suspend { id, from, until } => {
                            let done = sqlx::query("UPDATE members SET status = 'suspended', suspended_until = $1 WHERE id = $2 AND status = $3")
                                .bind(until)
                                .bind(id)
                                .bind(from.as_str())
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} changed meanwhile"))
                        }
                        Change::SetRole(id, role) => {
                            let done = sqlx::query("UPDATE members SET role = $1 WHERE id = $2")
                                .bind(role.as_str())
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::Erase { id, name, pseudonym } => {
                            let done = sqlx::query(
                                "UPDATE members SET display_name = $1, name_key = $2, place = NULL, invite_block = NULL, \
                                 status = 'erased', suspended_until = NULL WHERE id = $3",
                            )
                            .bind(pseudonym)
                            .bind(fold(pseudonym))
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            // Whatever names their accounts goes before the accounts do: the
                            // outbox's recipient and key (`welcome:telegram:42`), the joins held
                            // for them, the platforms' refusals to write to them. An urgent
                            // platform action still due (the ban of someone banned a moment ago)
                            // holds no text and still has to reach the platform.
                            let statements = [
                                "UPDATE outbox SET outcome = COALESCE(outcome, 'cancelled'), body = '{\"type\":\"text\",\"text\":\"\"}', \
                                 recipient = '', key = 'erased:' || CAST(id AS TEXT), last_error = NULL \
                                 WHERE NOT (outcome IS NULL AND priority = 1) \
                                 AND EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = $1 AND a.platform = outbox.platform AND a.user_id = outbox.recipient)",
                                "DELETE FROM held_joins WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = $1 \
                                 AND a.community_id = held_joins.community_id AND a.platform = held_joins.platform AND a.user_id = held_joins.user_id)",
                                "DELETE FROM unreachable_accounts WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = $1 \
                                 AND a.platform = unreachable_accounts.platform AND a.user_id = unreachable_accounts.user_id)",
                                "DELETE FROM accounts WHERE member_id = $1",
                                "DELETE FROM link_codes WHERE member_id = $1",
                                // Where they wrote their posts names their account.
                                "DELETE FROM post_sources WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)",
                                "UPDATE posts SET text = '', on_behalf_of = NULL, place = NULL, \
                                 place_kind = CASE WHEN place_kind = 'local' THEN 'unknown' ELSE place_kind END WHERE author_id = $1",
                                // Reasons quote their posts' words and their place.
                                "UPDATE matches SET reasons = '[]' WHERE requester_id = $1 OR helper_id = $1",
                                // A published announcement stays, shown in the groups: a moderator withdraws it.
                                "UPDATE announcements SET text = '', state = 'withdrawn' WHERE author_id = $1 AND state <> 'published'",
                                "UPDATE invitations SET note = NULL WHERE sponsor_id = $1 OR used_by = $1",
                            ];
                            for statement in statements {
                                sqlx::query(statement).bind(id).execute(&mut *tx).await.map_err(backend)?;
                            }
                            if !name.is_empty() {
                                // Free texts others wrote about them.
                                let statements = [
                                    "UPDATE audit_log SET reason = REPLACE(reason, $1, $2) \
                                     WHERE community_id = (SELECT community_id FROM members WHERE id = $3)",
                                    "UPDATE reports SET reason = REPLACE(reason, $1, $2), resolution = REPLACE(resolution, $1, $2) \
                                     WHERE community_id = (SELECT community_id FROM members WHERE id = $3)",
                                    "UPDATE ledger_transactions SET reason = REPLACE(reason, $1, $2) \
                                     WHERE community_id = (SELECT community_id FROM members WHERE id = $3)",
                                ];
                                for statement in statements {
                                    sqlx::query(statement)
                                        .bind(name)
                                        .bind(pseudonym)
                                        .bind(id)
                                        .execute(&mut *tx)
                                        .await
                                        .map_err(backend)?;
                                }
                            }
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::BarAccount(b) => {
                            sqlx::query(
                                "INSERT INTO barred_accounts (community_id, member_id, salt, digest, barred_at, until) \
                                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, digest) DO NOTHING",
                            )
                            .bind(b.community_id)
                            .bind(b.member_id)
                            .bind(&b.salt)
                            .bind(&b.digest)
                            .bind(b.barred_at)
                            .bind(b.until)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
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
                            .execute(&mut *tx)
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
                                .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::SetSetting { community, key, value: None } => {
                            sqlx::query("DELETE FROM community_settings WHERE community_id = $1 AND key = $2")
                                .bind(community)
                                .bind(key)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            None
                        }
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
                            .execute(&mut *tx)
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
                                    .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::SetMatchState { id, from, to, at } => {
                            let done = sqlx::query("UPDATE matches SET state = $1, updated_at = $2, \
                                 accepted_at = CASE WHEN $1 = 'accepted' THEN $2 ELSE accepted_at END WHERE id = $3 AND state = $4")
                                .bind(to.as_str())
                                .bind(at)
                                .bind(id)
                                .bind(from.as_str())
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("match {id} changed meanwhile"))
                        }
                        Change::SetDeclineReason { id, reason } => {
                            sqlx::query("UPDATE matches SET decline_reason = $1 WHERE id = $2")
                                .bind(reason.as_str())
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
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
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            }
                            None
                        }
                        Change::RestoreNeeds { offer } => {
                            sqlx::query("DELETE FROM offer_exclusions WHERE offer_id = $1")
                                .bind(offer)
                                .execute(&mut *tx)
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
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::SetAnnouncementState { id, from, to } => {
                            let done = sqlx::query("UPDATE announcements SET state = $1 WHERE id = $2 AND state = $3")
                                .bind(to.as_str())
                                .bind(id)
                                .bind(from.as_str())
                                .execute(&mut *tx)
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
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
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
                                        .execute(&mut *tx)
                                        .await
                                        .map_err(backend)?;
                                }
                                None
                            }
                        }
                        Change::CloseRelay { id, at } => {
                            sqlx::query("UPDATE matches SET relay_closed_at = $1 WHERE id = $2 AND relay_closed_at IS NULL")
                                .bind(at)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            None
                        }
                        Change::CheckQuota { sponsor, since, quota } => {
                            // Locks the sponsor's row (both dialects), so that concurrent
                            // invitations by one sponsor are counted one after the other.
                            sqlx::query("UPDATE members SET invite_block = invite_block WHERE id = $1")
                                .bind(sponsor)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            let row = sqlx::query("SELECT COUNT(*) AS used FROM invitations WHERE sponsor_id = $1 AND created_at >= $2")
                                .bind(sponsor)
                                .bind(since)
                                .fetch_one(&mut *tx)
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
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("invitation {id} cannot be redeemed"))
                        }
                        Change::RevokeInvitation { id, at } => {
                            let done = sqlx::query("UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND used_by IS NULL AND revoked_at IS NULL")
                                .bind(at)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("invitation {id} cannot be revoked"))
                        }
                        Change::SetInviteBlock(id, reason) => {
                            let done = sqlx::query("UPDATE members SET invite_block = $1 WHERE id = $2")
                                .bind(reason)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::InsertLinkCode(c) => {
                            let done = sqlx::query(
                                "INSERT INTO link_codes (code, community_id, member_id, created_at, expires_at, used_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, code) DO NOTHING",
                            )
                            .bind(&c.code)
                            .bind(c.community_id)
                            .bind(c.member_id)
                            .bind(c.created_at)
                            .bind(c.expires_at)
                            .bind(c.used_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| "link code exists".to_owned())
                        }
                        Change::UseLinkCode { community, code, at } => {
                            let done = sqlx::query(
                                "UPDATE link_codes SET used_at = $1 WHERE community_id = $2 AND code = $3 AND used_at IS NULL AND expires_at > $1",
                            )
                            .bind(at)
                            .bind(community)
                            .bind(code)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| "link code cannot be used".to_owned())
                        }
                        Change::UnlinkAccount { community, account } => {
                            let done = sqlx::query("DELETE FROM accounts WHERE community_id = $1 AND platform = $2 AND user_id = $3 \
                                 AND (SELECT COUNT(*) FROM accounts kept WHERE kept.member_id = accounts.member_id) > 1")
                                .bind(community)
                                .bind(account.platform.as_str())
                                .bind(&account.user_id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| "account not linked".to_owned())
                        }
                        Change::Vouch { candidate, voucher, at } => {
                            let done = sqlx::query(
                                "INSERT INTO vouches (candidate_id, voucher_id, at) VALUES ($1, $2, $3) ON CONFLICT (candidate_id, voucher_id) DO NOTHING",
                            )
                            .bind(candidate)
                            .bind(voucher)
                            .bind(at)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| "already vouched".to_owned())
                        }
                        Change::Admit { id, sponsor, at } => {
                            let done = sqlx::query(
                                "UPDATE members SET status = 'active', joined_at = $1, sponsor_id = COALESCE(sponsor_id, $3) \
                                 WHERE id = $2 AND status = 'candidate'",
                            )
                                .bind(at)
                                .bind(id)
                                .bind(sponsor)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} is no candidate"))
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
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
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
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("held join {id} cannot be settled"))
                        }
                        Change::SeenMember(id, at) => {
                            let done = sqlx::query("UPDATE members SET last_seen_at = $1, reminded_at = NULL, inactive_since = NULL WHERE id = $2")
                                .bind(at)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                        }
                        Change::RemindedInactive { id, before, at } => {
                            let done = sqlx::query(
                                "UPDATE members SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND last_seen_at < $3",
                            )
                            .bind(at)
                            .bind(id)
                            .bind(before)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} was seen or reminded"))
                        }
                        Change::MarkInactive { id, before, at } => {
                            let done = sqlx::query(
                                "UPDATE members SET inactive_since = $1 WHERE id = $2 AND inactive_since IS NULL AND reminded_at IS NOT NULL AND last_seen_at < $3",
                            )
                            .bind(at)
                            .bind(id)
                            .bind(before)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} was seen"))
                        }
                        Change::Audit(e) => {
                            sqlx::query(
                                "INSERT INTO audit_log (community_id, actor_id, action, target_id, reason, at, platform) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            )
                            .bind(e.community_id)
                            .bind(e.actor_id)
                            .bind(e.action.as_str())
                            .bind(e.target_id)
                            .bind(&e.reason)
                            .bind(e.at)
                            .bind(e.platform.map(|p| p.as_str()))
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::Enqueue(m) => {
                            let body = serde_json::to_string(&m.body).map_err(backend)?;
                            sqlx::query(
                                "INSERT INTO outbox (key, platform, recipient, body, not_before, priority, queued_for, action) VALUES ($1, $2, $3, $4, $5, $6, $5, $7) \
                                 ON CONFLICT (key) DO NOTHING",
                            )
                            .bind(&m.key)
                            .bind(m.to.platform.as_str())
                            .bind(&m.to.user_id)
                            .bind(body)
                            .bind(m.not_before)
                            .bind(i64::from(m.body.is_urgent()))
                            .bind(i64::from(!m.body.is_message()))
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::HoldAnswer { message: m, until } => {
                            let body = serde_json::to_string(&m.body).map_err(backend)?;
                            sqlx::query(
                                "INSERT INTO outbox (key, platform, recipient, body, not_before, priority, queued_for, action) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                                 ON CONFLICT (key) DO NOTHING",
                            )
                            .bind(&m.key)
                            .bind(m.to.platform.as_str())
                            .bind(&m.to.user_id)
                            .bind(body)
                            .bind(until)
                            .bind(i64::from(m.body.is_urgent()))
                            .bind(m.not_before)
                            .bind(i64::from(!m.body.is_message()))
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?
                            .rows_affected();
                            if replaced == 0 {
                                sqlx::query(
                                    "INSERT INTO outbox (key, platform, recipient, body, not_before, priority, queued_for, action) VALUES ($1, $2, $3, $4, $5, $6, $5, $7) \
                                     ON CONFLICT (key) DO NOTHING",
                                )
                                .bind(&m.key)
                                .bind(m.to.platform.as_str())
                                .bind(&m.to.user_id)
                                .bind(body)
                                .bind(m.not_before)
                                .bind(i64::from(m.body.is_urgent()))
                                .bind(i64::from(!m.body.is_message()))
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            }
                            None
                        }
                        Change::CancelMessage(key) => {
                            sqlx::query("UPDATE outbox SET outcome = 'cancelled', body = '{\"type\":\"text\",\"text\":\"\"}' WHERE key = $1 AND outcome IS NULL")
                                .bind(key)
                                .execute(&mut *tx)
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
                            .execute(&mut *tx)
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
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            sqlx::query(
                                "UPDATE outbox SET not_before = $1 WHERE platform = $2 AND recipient = $3 AND outcome IS NULL AND not_before > $1",
                            )
                            .bind(at)
                            .bind(account.platform.as_str())
                            .bind(&account.user_id)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::RetireLink { platform, link, at } => {
                            sqlx::query("UPDATE invitation_links SET retired_at = $1 WHERE platform = $2 AND link = $3")
                                .bind(at)
                                .bind(platform.as_str())
                                .bind(link)
                                .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| "not unreachable, or told already".to_owned())
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
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::SetCursor { name, value } => {
                            sqlx::query(
                                "INSERT INTO cursors (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                            )
                            .bind(name)
                            .bind(value)
                            .execute(&mut *tx)
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
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            None
                        }
                        Change::CancelMessagesTo(account) => {
                            sqlx::query("UPDATE outbox SET outcome = 'cancelled', body = '{\"type\":\"text\",\"text\":\"\"}' WHERE platform = $1 AND recipient = $2 AND (outcome IS NULL OR outcome = 'parked')")
                                .bind(account.platform.as_str())
                                .bind(&account.user_id)
                                .execute(&mut *tx)
                                .await
                                .map_err(backend)?;
                            None
                        }
                    };
                    if let Some(what) = conflict {
                        // Dropping the transaction rolls it back.
                        return Err(StoreError::Conflict(what));
                    }
                }
                tx.commit().await.map_err(backend)
            }
        }
    };
}

/// The store's life, ids, settings, events and cursors, for one backend.
macro_rules! sql_storage {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl Storage for $store {
            async fn close(&self) {
                // What was erased since the last scrub leaves no copy in SQLite's log.
                if let Err(error) = self.fold_log().await {
                    tracing::warn!(%error, "could not empty the write-ahead log before closing");
                }
                self.pool.close().await;
            }

            async fn scrub(&self) -> Result<(), StoreError> {
                self.fold_log().await
            }

            async fn ensure_community(&self, slug: &str, name: &str) -> Result<Community, StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query("INSERT INTO communities (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING")
                    .bind(slug)
                    .bind(name)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                let row = sqlx::query("SELECT id, slug, name FROM communities WHERE slug = $1")
                    .bind(slug)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(Community {
                    id: row.try_get("id").map_err(backend)?,
                    slug: row.try_get("slug").map_err(backend)?,
                    name: row.try_get("name").map_err(backend)?,
                })
            }

            async fn allocate_id(&self, kind: IdKind) -> Result<i64, StoreError> {
                self.advance_counter(kind, 1).await
            }

            async fn allocate_ids(&self, kind: IdKind, count: u32) -> Result<i64, StoreError> {
                let last = self.advance_counter(kind, count).await?;
                Ok(last - i64::from(count) + 1)
            }

            async fn apply(&self, changes: Vec<Change>) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                let mut connection = self.pool.acquire().await.map_err(backend)?;
                let result = self.apply_on(&mut connection, changes).await;
                match &result {
                    Ok(()) => self.write_failure.clear(),
                    Err(StoreError::Conflict(_)) => {}
                    Err(error) => {
                        // A transaction that failed (a full disk, a lost connection) may have
                        // left the connection in a state nobody can trust: it is closed, not
                        // given back, so that no later command runs inside what failed.
                        connection.close_on_drop();
                        self.write_failure.set(error);
                    }
                }
                result
            }

            async fn check_writes(&self) -> Result<(), StoreError> {
                if self.write_failure.get().is_none() {
                    return Ok(());
                }
                // The last write failed: try a real one as large as a command's, so that
                // readiness comes back by itself once the cause is gone (space freed, the
                // server back), and not while a few bytes fit but commands do not.
                let _writer = self.write_guard().await;
                let filler = vec![0x5a_u8; PROBE_BYTES];
                let probe = async {
                    sqlx::query("INSERT INTO write_probes (id, filler) VALUES (1, $1)")
                        .bind(filler)
                        .execute(&self.pool)
                        .await?;
                    sqlx::query("DELETE FROM write_probes").execute(&self.pool).await
                }
                .await
                .map_err(backend);
                if probe.is_err() {
                    // Whatever part went through goes too, for the next probe.
                    let _ = sqlx::query("DELETE FROM write_probes").execute(&self.pool).await;
                }
                match probe {
                    Ok(_) => {
                        self.write_failure.clear();
                        Ok(())
                    }
                    Err(error) => {
                        self.write_failure.set(&error);
                        Err(error)
                    }
                }
            }

            async fn settings(&self, community: CommunityId) -> Result<Vec<(String, String)>, StoreError> {
                let rows = sqlx::query("SELECT key, value FROM community_settings WHERE community_id = $1 ORDER BY key")
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter()
                    .map(|row| Ok((row.try_get("key").map_err(backend)?, row.try_get("value").map_err(backend)?)))
                    .collect()
            }

            async fn event_seen(&self, platform: Platform, event_id: &str) -> Result<bool, StoreError> {
                let row = sqlx::query("SELECT 1 AS seen FROM inbound_events WHERE platform = $1 AND event_id = $2")
                    .bind(platform.as_str())
                    .bind(event_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(row.is_some())
            }

            async fn cursor(&self, name: &str) -> Result<Option<String>, StoreError> {
                let row = sqlx::query("SELECT value FROM cursors WHERE name = $1")
                    .bind(name)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.map(|row| row.try_get("value").map_err(backend)).transpose()
            }
        }
    };
}
