//! Members, invitations, moderation and time credits, read from SQL.

/// Members, invitations, moderation and credits, for one backend.
macro_rules! sql_community {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl MemberStore for $store {
            async fn account(&self, community: CommunityId, account: &AccountRef) -> Result<Option<Account>, StoreError> {
                let row = sqlx::query("SELECT * FROM accounts WHERE community_id = $1 AND platform = $2 AND user_id = $3")
                    .bind(community)
                    .bind(account.platform.as_str())
                    .bind(&account.user_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::account_from).transpose()
            }

            async fn linked_among(&self, community: CommunityId, accounts: &[AccountRef]) -> Result<Vec<AccountRef>, StoreError> {
                let mut linked = Vec::new();
                for chunk in accounts.chunks(500) {
                    // A join on a list of values: PostgreSQL took 50 ms to plan the same
                    // as `(platform, user_id) IN (…)`, 1 ms this way.
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "SELECT a.platform, a.user_id FROM accounts a JOIN (VALUES ",
                    );
                    let mut pairs = query.separated(", ");
                    for account in chunk {
                        pairs.push("(").push_bind_unseparated(account.platform.as_str()).push_unseparated(", ");
                        pairs.push_bind_unseparated(&account.user_id).push_unseparated(")");
                    }
                    query.push(
                        ") AS asked ON a.platform = asked.column1 AND a.user_id = asked.column2 WHERE a.community_id = ",
                    );
                    query.push_bind(community);
                    for row in query.build().fetch_all(&self.pool).await.map_err(backend)? {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        linked.push(AccountRef {
                            platform: parse("platform", &platform, Platform::parse)?,
                            user_id: row.try_get("user_id").map_err(backend)?,
                        });
                    }
                }
                Ok(linked)
            }

            async fn accounts_of(&self, member: MemberId) -> Result<Vec<Account>, StoreError> {
                sqlx::query("SELECT * FROM accounts WHERE member_id = $1 ORDER BY linked_at, platform, user_id")
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::account_from)
                    .collect()
            }

            async fn member(&self, id: MemberId) -> Result<Option<Member>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", member_columns!(), " FROM members WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::member_from).transpose()
            }

            async fn members_by_id(&self, ids: &[MemberId]) -> Result<Vec<Member>, StoreError> {
                let head = concat!("SELECT ", member_columns!(), " FROM members WHERE id IN (");
                let mut members =
                    self.rows_among(head, ids, None).await?.iter().map(Self::member_from).collect::<Result<Vec<_>, _>>()?;
                members.sort_by_key(|member| member.id);
                members.dedup_by_key(|member| member.id);
                Ok(members)
            }

            async fn members_named(&self, community: CommunityId, name_key: &str) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!("SELECT ", member_columns!(), " FROM members WHERE community_id = $1 AND name_key = $2 ORDER BY id"))
                    .bind(community)
                    .bind(name_key)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::member_from)
                    .collect()
            }

            async fn members_unseen_since(&self, community: CommunityId, before: Timestamp) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", member_columns!(), " FROM members WHERE community_id = $1 AND status = 'active' \
                     AND inactive_since IS NULL AND last_seen_at < $2 ORDER BY last_seen_at, id"
                ))
                .bind(community)
                .bind(before)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::member_from)
                .collect()
            }

            async fn moderators(&self, community: CommunityId) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", member_columns!(), " FROM members WHERE community_id = $1 AND status = 'active' \
                     AND role IN ('moderator', 'admin') ORDER BY id"
                ))
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::member_from)
                .collect()
            }

            async fn sponsored(&self, sponsor: MemberId) -> Result<Vec<(MemberId, u64)>, StoreError> {
                sqlx::query("SELECT id, descendants FROM members WHERE sponsor_id = $1 ORDER BY id")
                    .bind(sponsor)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(|row| {
                        let below: i64 = row.try_get("descendants").map_err(backend)?;
                        Ok((row.try_get("id").map_err(backend)?, u64::try_from(below).unwrap_or_default()))
                    })
                    .collect()
            }

            async fn vouchers_of(&self, candidate: MemberId) -> Result<Vec<MemberId>, StoreError> {
                sqlx::query("SELECT voucher_id FROM vouches WHERE candidate_id = $1 ORDER BY at, voucher_id")
                    .bind(candidate)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(|row| row.try_get("voucher_id").map_err(backend))
                    .collect()
            }

            async fn candidates(&self, community: CommunityId) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!("SELECT ", member_columns!(), " FROM members WHERE community_id = $1 AND status = 'candidate' ORDER BY id"))
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::member_from)
                    .collect()
            }

            async fn link_code(&self, community: CommunityId, code: &str) -> Result<Option<LinkCode>, StoreError> {
                let row = sqlx::query("SELECT * FROM link_codes WHERE community_id = $1 AND code = $2")
                    .bind(community)
                    .bind(code)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::link_code_from).transpose()
            }

            async fn census(&self, community: CommunityId) -> Result<Census, StoreError> {
                let members = sqlx::query(
                    "SELECT status, COUNT(*) AS n FROM members WHERE community_id = $1 GROUP BY status ORDER BY status",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let posts = sqlx::query(
                    "SELECT kind, COUNT(*) AS n FROM posts \
                     WHERE community_id = $1 AND state IN ('open', 'proposed') GROUP BY kind",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let count = |row: &$row| -> Result<u64, StoreError> {
                    Ok(u64::try_from(row.try_get::<i64, _>("n").map_err(backend)?).unwrap_or_default())
                };
                let mut census = Census::default();
                for row in &members {
                    let status: String = row.try_get("status").map_err(backend)?;
                    census.members.push((parse("status", &status, MemberStatus::parse)?, count(row)?));
                }
                for row in &posts {
                    let kind: String = row.try_get("kind").map_err(backend)?;
                    match parse("kind", &kind, PostKind::parse)? {
                        PostKind::Request => census.open_requests = count(row)?,
                        PostKind::Offer => census.open_offers = count(row)?,
                    }
                }
                Ok(census)
            }
        }

        #[async_trait]
        impl InvitationStore for $store {
            async fn invitation_by_code(&self, community: CommunityId, code: &str) -> Result<Option<Invitation>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", invitation_columns!(), " FROM invitations WHERE community_id = $1 AND code = $2"))
                    .bind(community)
                    .bind(code)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::invitation_from).transpose()
            }

            async fn invitations_since(&self, sponsor: MemberId, since: Timestamp) -> Result<Vec<Invitation>, StoreError> {
                sqlx::query(concat!("SELECT ", invitation_columns!(), " FROM invitations WHERE sponsor_id = $1 AND created_at >= $2 ORDER BY created_at, id"))
                    .bind(sponsor)
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::invitation_from)
                    .collect()
            }

            async fn invitation_used_by(&self, member: MemberId) -> Result<Option<Invitation>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", invitation_columns!(), " FROM invitations WHERE used_by = $1"))
                    .bind(member)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::invitation_from).transpose()
            }

            async fn invitation_by_id(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", invitation_columns!(), " FROM invitations WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::invitation_from).transpose()
            }

            async fn links_of_invitation(&self, invitation: InvitationId) -> Result<Vec<(Platform, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, link FROM invitation_links WHERE invitation_id = $1 ORDER BY created_at, platform")
                    .bind(invitation)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        Ok((parse("platform", &platform, Platform::parse)?, row.try_get("link").map_err(backend)?))
                    })
                    .collect()
            }

            async fn invitation_by_link(&self, platform: Platform, link: &str) -> Result<Option<Invitation>, StoreError> {
                let row = sqlx::query(concat!(
                    "SELECT ", invitation_columns!(), " FROM invitations WHERE id = \
                     (SELECT invitation_id FROM invitation_links WHERE platform = $1 AND link = $2)"
                ))
                .bind(platform.as_str())
                .bind(link)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.as_ref().map(Self::invitation_from).transpose()
            }

            async fn held_join(&self, community: CommunityId, id: i64) -> Result<Option<HeldJoin>, StoreError> {
                let row = sqlx::query("SELECT * FROM held_joins WHERE community_id = $1 AND id = $2")
                    .bind(community)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::held_join_from).transpose()
            }

            async fn open_held_joins(&self, community: CommunityId) -> Result<Vec<HeldJoin>, StoreError> {
                sqlx::query("SELECT * FROM held_joins WHERE community_id = $1 AND outcome IS NULL ORDER BY id")
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::held_join_from)
                    .collect()
            }

            async fn settled_held_joins(&self, community: CommunityId, count: usize) -> Result<Vec<HeldJoin>, StoreError> {
                sqlx::query(
                    "SELECT * FROM held_joins WHERE community_id = $1 AND settled_at IS NOT NULL \
                     ORDER BY settled_at DESC, id DESC LIMIT $2",
                )
                .bind(community)
                .bind(i64::try_from(count).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::held_join_from)
                .collect()
            }

            async fn invitations_of(&self, sponsor: MemberId) -> Result<Vec<Invitation>, StoreError> {
                sqlx::query(concat!("SELECT ", invitation_columns!(), " FROM invitations WHERE sponsor_id = $1 ORDER BY created_at, id"))
                    .bind(sponsor)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::invitation_from)
                    .collect()
            }
        }

        #[async_trait]
        impl ModerationStore for $store {
            async fn audit(&self, community: CommunityId, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
                // Only the filters given: a condition like `($2 IS NULL OR actor_id = $2)`
                // keeps the planner from the index that filter has, and a whole log is scanned.
                let mut sql = sqlx::QueryBuilder::<$db>::new("SELECT * FROM audit_log WHERE community_id = ");
                sql.push_bind(community);
                if let Some(actor) = query.actor {
                    sql.push(" AND actor_id = ").push_bind(actor);
                }
                if let Some(target) = query.target {
                    sql.push(" AND target_id = ").push_bind(target);
                }
                if let Some(action) = query.action {
                    sql.push(" AND action = ").push_bind(action.as_str());
                }
                if let Some(since) = query.since {
                    sql.push(" AND at >= ").push_bind(since);
                }
                if let Some(until) = query.until {
                    sql.push(" AND at < ").push_bind(until);
                }
                if let Some(words) = &query.words {
                    // Letters' case aside for A to Z only, the same on both backends (SQLite's
                    // `lower` knows no other letters; PostgreSQL's knows them all).
                    let lower = match <$db as sqlx::Database>::NAME {
                        "PostgreSQL" => "translate(reason, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
                        _ => "lower(reason)",
                    };
                    // `%`, `_` and `\` stand for themselves.
                    let escaped: String = words
                        .to_ascii_lowercase()
                        .chars()
                        .flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] })
                        .collect();
                    sql.push(" AND ").push(lower).push(" LIKE ").push_bind(format!("%{escaped}%")).push(" ESCAPE '\\'");
                }
                sql.push(" ORDER BY at DESC, id DESC LIMIT ").push_bind(i64::from(query.limit));
                sql.push(" OFFSET ").push_bind(i64::from(query.offset));
                sql.build()
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::audit_from)
                .collect()
            }

            async fn suspensions_over(&self, community: CommunityId, now: Timestamp) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", member_columns!(), " FROM members WHERE community_id = $1 AND status = 'suspended' \
                     AND suspended_until <= $2 ORDER BY suspended_until, id"
                ))
                .bind(community)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::member_from)
                .collect()
            }

            async fn report(&self, community: CommunityId, id: i64) -> Result<Option<Report>, StoreError> {
                let row = sqlx::query("SELECT * FROM reports WHERE community_id = $1 AND id = $2")
                    .bind(community)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::report_from).transpose()
            }

            async fn pending_reports(&self, community: CommunityId) -> Result<Vec<Report>, StoreError> {
                sqlx::query("SELECT * FROM reports WHERE community_id = $1 AND state IN ('open', 'taken') ORDER BY id")
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::report_from)
                    .collect()
            }

            async fn barred_accounts(&self, community: CommunityId) -> Result<Vec<BarredAccount>, StoreError> {
                let rows = sqlx::query(
                    "SELECT community_id, member_id, salt, digest, barred_at, until FROM barred_accounts \
                     WHERE community_id = $1 ORDER BY barred_at, digest",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        Ok(BarredAccount {
                            community_id: row.try_get("community_id").map_err(backend)?,
                            member_id: row.try_get("member_id").map_err(backend)?,
                            salt: row.try_get("salt").map_err(backend)?,
                            digest: row.try_get("digest").map_err(backend)?,
                            barred_at: row.try_get("barred_at").map_err(backend)?,
                            until: row.try_get("until").map_err(backend)?,
                        })
                    })
                    .collect()
            }

            async fn reports_involving(&self, member: MemberId) -> Result<Vec<Report>, StoreError> {
                sqlx::query("SELECT * FROM reports WHERE reporter_id = $1 OR target_id = $1 ORDER BY id")
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::report_from)
                    .collect()
            }

            async fn activity(
                &self,
                community: CommunityId,
                since: Timestamp,
                now: Timestamp,
            ) -> Result<entraide_core::stats::Activity, StoreError> {
                let (requests, weeks) = self.requests_counted(community, since).await?;
                let active = sqlx::query("SELECT COUNT(*) AS n FROM members WHERE community_id = $1 AND status = 'active' AND inactive_since IS NULL")
                    .bind(community)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                let invitations = sqlx::query("SELECT COUNT(*) AS sent, COUNT(used_by) AS accepted FROM invitations WHERE community_id = $1 AND created_at >= $2")
                    .bind(community)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(entraide_core::stats::Activity {
                    asks: self.asks_counted(community, since, now).await?,
                    requests,
                    weeks,
                    median_first_help: self.median_first_help(community, since).await?,
                    active_members: Self::counted(&active, "n")?,
                    invitations_sent: Self::counted(&invitations, "sent")?,
                    invitations_accepted: Self::counted(&invitations, "accepted")?,
                })
            }
        }

        #[async_trait]
        impl CreditStore for $store {
            async fn transfers_of(&self, member: MemberId, limit: u32) -> Result<Vec<Transfer>, StoreError> {
                sqlx::query(concat!(
                    transfer_select!(),
                    " WHERE t.id IN (SELECT transaction_id FROM ledger_entries WHERE member_id = $1) ORDER BY t.id DESC LIMIT $2"
                ))
                .bind(member)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::transfer_from)
                .collect()
            }

            async fn balance(&self, member: MemberId) -> Result<i64, StoreError> {
                let row = sqlx::query("SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS total FROM ledger_entries WHERE member_id = $1")
                    .bind(member)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                row.try_get("total").map_err(backend)
            }

            async fn ledger_sum(&self, community: CommunityId) -> Result<i64, StoreError> {
                let row = sqlx::query(
                    "SELECT CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) AS total FROM ledger_entries e \
                     JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.community_id = $1",
                )
                .bind(community)
                .fetch_one(&self.pool)
                .await
                .map_err(backend)?;
                row.try_get("total").map_err(backend)
            }

            async fn transfer(&self, community: CommunityId, id: i64) -> Result<Option<Transfer>, StoreError> {
                sqlx::query(concat!(transfer_select!(), " WHERE t.id = $1 AND t.community_id = $2"))
                    .bind(id)
                    .bind(community)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?
                    .as_ref()
                    .map(Self::transfer_from)
                    .transpose()
            }
        }
    };
}
