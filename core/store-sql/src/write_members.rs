//! How members, their accounts, link codes, vouches and standing are written (see `write.rs`).

use std::collections::{BTreeMap, HashMap};

use entraide_core::model::MemberId;

/// Writes changes about members, their accounts, link codes, vouches and standing: runs of new
/// members and of new accounts many rows a statement, the others one at a time; the conflict,
/// if a precondition failed.
macro_rules! sql_write_members {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// Adds `count` people below `sponsor` and each of their sponsors up to a founder
            /// (the depth bound only guards against a cycle, which no rule allows).
            async fn add_below(tx: &mut sqlx::Transaction<'_, $db>, sponsor: MemberId, count: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "WITH RECURSIVE up (id, depth) AS ( \
                       SELECT CAST($1 AS BIGINT), 1 \
                       UNION ALL SELECT m.sponsor_id, up.depth + 1 FROM members m JOIN up ON m.id = up.id \
                       WHERE m.sponsor_id IS NOT NULL AND up.depth < 1000 \
                     ) UPDATE members SET descendants = descendants + $2 WHERE id IN (SELECT id FROM up)",
                )
                .bind(sponsor)
                .bind(count)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
                Ok(())
            }

            /// Adds the members `joined` (just written, each as (member, sponsor)) below their
            /// sponsors, up to the founders. An import writes 350,000 members in one
            /// transaction, and on PostgreSQL each update of a row leaves a version of it that
            /// later statements step over until the commit: updating the founders once per
            /// member, then once per 500, took more than ten minutes. So the counts among those
            /// joined are worked out here ([`joined_below`]) and each of their rows updated
            /// once; the members above them who did not join now gain theirs by a walk up the
            /// tree from 500 of them a statement (the founders are updated once per statement).
            async fn add_below_joined(
                tx: &mut sqlx::Transaction<'_, $db>,
                joined: &[(MemberId, MemberId)],
            ) -> Result<(), StoreError> {
                let (inside, outside) = crate::write_members::joined_below(joined);
                for chunk in inside.chunks(500) {
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "UPDATE members SET descendants = descendants + gained.column2 FROM (VALUES ",
                    );
                    Self::push_values(&mut query, chunk);
                    query.push(") AS gained WHERE members.id = gained.column1");
                    query.build().execute(&mut **tx).await.map_err(backend)?;
                }
                for chunk in outside.chunks(500) {
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "WITH RECURSIVE up (id, n, depth) AS ( SELECT column1, column2, 1 FROM (VALUES ",
                    );
                    Self::push_values(&mut query, chunk);
                    query.push(
                        ") AS seeds UNION ALL SELECT m.sponsor_id, up.n, up.depth + 1 FROM members m JOIN up ON m.id = up.id \
                           WHERE m.sponsor_id IS NOT NULL AND up.depth < 1000 \
                         ) UPDATE members SET descendants = descendants + below.n \
                         FROM (SELECT id, CAST(SUM(n) AS BIGINT) AS n FROM up GROUP BY id) AS below WHERE members.id = below.id",
                    );
                    query.build().execute(&mut **tx).await.map_err(backend)?;
                }
                Ok(())
            }

            /// Writes `(member, count)` pairs as the rows of a `VALUES` list.
            fn push_values(query: &mut sqlx::QueryBuilder<$db>, pairs: &[(MemberId, i64)]) {
                let mut rows = query.separated(", ");
                for (id, count) in pairs {
                    rows.push("(").push_bind_unseparated(*id).push_unseparated(", ");
                    rows.push_bind_unseparated(*count).push_unseparated(")");
                }
            }

            /// Writes members, many rows a statement: an import writes 350,000 of them in one
            /// change list, and a statement each was a round trip each to PostgreSQL. Their
            /// sponsors' counts are added by `add_below_joined`.
            async fn insert_members(tx: &mut sqlx::Transaction<'_, $db>, members: &[&Member]) -> Result<(), StoreError> {
                for chunk in members.chunks(crate::write_members::ROWS_A_STATEMENT) {
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO members (id, community_id, display_name, name_key, lang, place, role, status, sponsor_id, \
                         joined_at, invite_block, last_seen_at, reminded_at, inactive_since, suspended_until) ",
                    );
                    query.push_values(chunk, |mut row, m| {
                        row.push_bind(m.id)
                            .push_bind(m.community_id)
                            .push_bind(&m.display_name)
                            .push_bind(fold(&m.display_name))
                            .push_bind(m.lang.as_str())
                            .push_bind(&m.place)
                            .push_bind(m.role.as_str())
                            .push_bind(m.status.as_str())
                            .push_bind(m.sponsor_id)
                            .push_bind(m.joined_at)
                            .push_bind(&m.invite_block)
                            .push_bind(m.last_seen_at)
                            .push_bind(m.reminded_at)
                            .push_bind(m.inactive_since)
                            .push_bind(m.suspended_until);
                    });
                    query.build().execute(&mut **tx).await.map_err(backend)?;
                }
                Ok(())
            }

            /// Links accounts, many rows a statement (see `insert_members`); the conflict if
            /// one of them is linked already.
            async fn link_accounts(tx: &mut sqlx::Transaction<'_, $db>, accounts: &[&Account]) -> Result<Option<String>, StoreError> {
                for chunk in accounts.chunks(crate::write_members::ROWS_A_STATEMENT) {
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO accounts (community_id, platform, user_id, member_id, display_name, linked_at) ",
                    );
                    query.push_values(chunk, |mut row, a| {
                        row.push_bind(a.community_id)
                            .push_bind(a.account.platform.as_str())
                            .push_bind(&a.account.user_id)
                            .push_bind(a.member_id)
                            .push_bind(&a.display_name)
                            .push_bind(a.linked_at);
                    });
                    query.push(" ON CONFLICT (community_id, platform, user_id) DO NOTHING");
                    let done = query.build().execute(&mut **tx).await.map_err(backend)?;
                    if done.rows_affected() < chunk.len() as u64 {
                        // Which one does not matter: the whole change list is refused.
                        return Ok(Some("an account already linked".to_owned()));
                    }
                }
                Ok(None)
            }

            async fn write_members(tx: &mut sqlx::Transaction<'_, $db>, change: &Change) -> Result<Option<String>, StoreError> {
                Ok(match change {
                Change::SetLang(id, lang) => {
                    let done = sqlx::query("UPDATE members SET lang = $1 WHERE id = $2")
                        .bind(lang.as_str())
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                }
                Change::SetPlace(id, place) => {
                    let done = sqlx::query("UPDATE members SET place = $1 WHERE id = $2")
                        .bind(place)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("member {id} missing"))
                }
                Change::SetStatus { id, from, to } => {
                    let done = sqlx::query("UPDATE members SET status = $1, suspended_until = NULL WHERE id = $2 AND status = $3")
                        .bind(to.as_str())
                        .bind(id)
                        .bind(from.as_str())
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("member {id} changed meanwhile"))
                }
                Change::Suspend { id, from, until } => {
                    let done = sqlx::query("UPDATE members SET status = 'suspended', suspended_until = $1 WHERE id = $2 AND status = $3")
                        .bind(until)
                        .bind(id)
                        .bind(from.as_str())
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("member {id} changed meanwhile"))
                }
                Change::SetRole(id, role) => {
                    let done = sqlx::query("UPDATE members SET role = $1 WHERE id = $2")
                        .bind(role.as_str())
                        .bind(id)
                        .execute(&mut **tx)
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
                    .execute(&mut **tx)
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
                        "DELETE FROM web_links WHERE member_id = $1",
                        "DELETE FROM web_sessions WHERE member_id = $1",
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
                        sqlx::query(statement).bind(id).execute(&mut **tx).await.map_err(backend)?;
                    }
                    if !name.is_empty() {
                        // Free texts others wrote about them. Only the rows that name them are
                        // written: rewriting a national network's whole log made an erasure
                        // slow. (Found with `instr`, not LIKE, whose wildcards and escapes a name
                        // may contain; PostgreSQL has it from migration 0024.) Every row is
                        // read, in table order: `+community_id` keeps SQLite from walking an
                        // index on the community, which holds every row, and reading each one
                        // from it (0.1 s instead of 1.1 s for a million audit lines). PostgreSQL
                        // reads the table whole too, as it would for a community that holds it.
                        let statements = [
                            "UPDATE audit_log SET reason = REPLACE(reason, $1, $2) \
                             WHERE +community_id = (SELECT community_id FROM members WHERE id = $3) AND instr(reason, $1) > 0",
                            "UPDATE reports SET reason = REPLACE(reason, $1, $2), resolution = REPLACE(resolution, $1, $2) \
                             WHERE +community_id = (SELECT community_id FROM members WHERE id = $3) \
                             AND (instr(reason, $1) > 0 OR instr(resolution, $1) > 0)",
                            "UPDATE ledger_transactions SET reason = REPLACE(reason, $1, $2) \
                             WHERE +community_id = (SELECT community_id FROM members WHERE id = $3) AND instr(reason, $1) > 0",
                        ];
                        for statement in statements {
                            sqlx::query(statement)
                                .bind(name)
                                .bind(pseudonym)
                                .bind(id)
                                .execute(&mut **tx)
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
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    None
                }
                Change::SetInviteBlock(id, reason) => {
                    let done = sqlx::query("UPDATE members SET invite_block = $1 WHERE id = $2")
                        .bind(reason)
                        .bind(id)
                        .execute(&mut **tx)
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
                    .execute(&mut **tx)
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
                    .execute(&mut **tx)
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
                        .execute(&mut **tx)
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
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| "already vouched".to_owned())
                }
                Change::Admit { id, sponsor, at } => {
                    // A candidate who applied without a sponsor takes the one who admits them:
                    // they and everyone below them join that sponsor's tree.
                    let adopted: Option<i64> = sqlx::query(
                        "UPDATE members SET status = 'active', joined_at = $1, sponsor_id = $3 \
                         WHERE id = $2 AND status = 'candidate' AND sponsor_id IS NULL RETURNING descendants",
                    )
                    .bind(at)
                    .bind(id)
                    .bind(sponsor)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(backend)?
                    .map(|row| row.try_get("descendants").map_err(backend))
                    .transpose()?;
                    match adopted {
                        Some(below) => {
                            Self::add_below(tx, *sponsor, 1 + below).await?;
                            None
                        }
                        None => {
                            let done = sqlx::query("UPDATE members SET status = 'active', joined_at = $1 WHERE id = $2 AND status = 'candidate'")
                                .bind(at)
                                .bind(id)
                                .execute(&mut **tx)
                                .await
                                .map_err(backend)?;
                            (done.rows_affected() == 0).then(|| format!("member {id} is no candidate"))
                        }
                    }
                }
                Change::SeenMember(id, at) => {
                    let done = sqlx::query("UPDATE members SET last_seen_at = $1, reminded_at = NULL, inactive_since = NULL WHERE id = $2")
                        .bind(at)
                        .bind(id)
                        .execute(&mut **tx)
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
                    .execute(&mut **tx)
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
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
                    (done.rows_affected() == 0).then(|| format!("member {id} was seen"))
                }
                    // Written by another part (`apply_on` dispatches each kind once).
                    _ => None,
                })
            }
        }
    };
}

/// Rows a statement when many members or accounts are written together: few round trips,
/// and 15,000 bound values at most (a member has 15), within both backends' limits.
pub(crate) const ROWS_A_STATEMENT: usize = 1_000;

/// Members, by id, and how many each gains below them.
type Gains = Vec<(MemberId, i64)>;

/// How many of the members `joined` (member, sponsor: written in one change list) each
/// member has gained below: `inside`, those who joined too, counted here whole; `outside`, the
/// first member above them who did not join now, whose own sponsors gain as many (the store
/// walks up from there). Both by id. Like the store's walks, this one stops after 1,000 steps,
/// a bound that only guards against a cycle, which no rule allows.
pub(crate) fn joined_below(joined: &[(MemberId, MemberId)]) -> (Gains, Gains) {
    let sponsor_of: HashMap<MemberId, MemberId> = joined.iter().copied().collect();
    let mut inside: BTreeMap<MemberId, i64> = BTreeMap::new();
    let mut outside: BTreeMap<MemberId, i64> = BTreeMap::new();
    for (_, sponsor) in joined {
        let mut above = *sponsor;
        for _ in 0..1_000 {
            match sponsor_of.get(&above) {
                Some(next) => {
                    *inside.entry(above).or_default() += 1;
                    above = *next;
                }
                None => {
                    *outside.entry(above).or_default() += 1;
                    break;
                }
            }
        }
    }
    (inside.into_iter().collect(), outside.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::joined_below;

    #[test]
    fn joined_members_are_counted_once_under_each_sponsor() {
        // 1 was already a member; 2 joined under 1, 3 and 4 under 2, 5 under 4; 6 under 9.
        let joined = [(5, 4), (2, 1), (3, 2), (4, 2), (6, 9)];
        let (inside, outside) = joined_below(&joined);
        assert_eq!(inside, vec![(2, 3), (4, 1)]);
        assert_eq!(outside, vec![(1, 4), (9, 1)]);
        assert_eq!(joined_below(&[]), (vec![], vec![]));
    }
}
