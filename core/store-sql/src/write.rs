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

            /// What a write's outcome says of the database's readiness and of its connection.
            fn settle_write(&self, connection: &mut sqlx::pool::PoolConnection<$db>, result: &Result<(), StoreError>) {
                match result {
                    Ok(()) => self.write_failure.clear(),
                    // Contention, not a failing database: readiness stays as it was.
                    Err(StoreError::Conflict(_)) => {}
                    Err(error) if must_run_again(error) => connection.close_on_drop(),
                    Err(error) => {
                        // A transaction that failed (a full disk, a lost connection) may have
                        // left the connection in a state nobody can trust: it is closed, not
                        // given back, so that no later command runs inside what failed.
                        connection.close_on_drop();
                        self.write_failure.set(error);
                    }
                }
            }

            /// Applies changes, handed over in one slice or several, in one transaction on
            /// `connection`; nothing is written unless the commit succeeds.
            async fn apply_on<S: AsRef<[Change]>>(
                &self,
                connection: &mut sqlx::pool::PoolConnection<$db>,
                slices: impl Iterator<Item = S> + Send,
            ) -> Result<(), StoreError> {
                let mut tx = sqlx::Connection::begin(&mut **connection).await.map_err(backend)?;
                // Members who joined under a sponsor, whose sponsors' counts are still to be
                // added: together, at the end or before an admission reads them (see
                // `add_below_joined`).
                let mut joined: Vec<(MemberId, MemberId)> = Vec::new();
                for slice in slices {
                    Self::write_slice(&mut tx, slice.as_ref(), &mut joined).await?;
                }
                Self::add_below_joined(&mut tx, &joined).await?;
                tx.commit().await.map_err(backend)
            }

            /// Writes changes in the transaction `tx`; `joined` gathers the members who
            /// joined under a sponsor (see [`Self::apply_on`]).
            async fn write_slice(
                tx: &mut sqlx::Transaction<'_, $db>,
                changes: &[Change],
                joined: &mut Vec<(MemberId, MemberId)>,
            ) -> Result<(), StoreError> {
                let mut rest = changes;
                while let Some(change) = rest.first() {
                    // Members, or accounts, one after another (an import's) go together.
                    let together = match change {
                        Change::InsertMember(..) | Change::LinkAccount(..) => {
                            let kind = std::mem::discriminant(change);
                            rest.iter().take_while(|next| std::mem::discriminant(*next) == kind).count()
                        }
                        _ => 1,
                    };
                    let (run, after) = rest.split_at(together);
                    rest = after;
                    if let Change::Admit { .. } = change {
                        Self::add_below_joined(tx, &std::mem::take(joined)).await?;
                    }
                    let conflict = match change {
                        Change::InsertMember(..) => {
                            let members: Vec<&Member> = run
                                .iter()
                                .filter_map(|c| if let Change::InsertMember(m) = c { Some(m) } else { None })
                                .collect();
                            joined.extend(members.iter().filter_map(|m| Some((m.id, m.sponsor_id?))));
                            Self::insert_members(tx, &members).await?;
                            None
                        }
                        Change::LinkAccount(..) => {
                            let accounts: Vec<&Account> = run
                                .iter()
                                .filter_map(|c| if let Change::LinkAccount(a) = c { Some(a) } else { None })
                                .collect();
                            Self::link_accounts(tx, &accounts).await?
                        }
                        Change::SetLang(..)
                        | Change::SetPlace(..)
                        | Change::SetStatus { .. }
                        | Change::Suspend { .. }
                        | Change::SetRole(..)
                        | Change::Erase { .. }
                        | Change::BarAccount(..)
                        | Change::SetInviteBlock(..)
                        | Change::InsertLinkCode(..)
                        | Change::UseLinkCode { .. }
                        | Change::UnlinkAccount { .. }
                        | Change::Vouch { .. }
                        | Change::Admit { .. }
                        | Change::SeenMember(..)
                        | Change::RemindedInactive { .. }
                        | Change::MarkInactive { .. } => Self::write_members(tx, change).await?,
                        Change::InsertWebLink(..)
                        | Change::UseWebLink { .. }
                        | Change::OpenWebSession(..)
                        | Change::SeeWebSession { .. }
                        | Change::EndWebSessions { .. }
                        | Change::ForgetWebAccess { .. } => Self::write_dashboard(tx, change).await?,
                        Change::CheckQuota { .. }
                        | Change::InsertInvitation(..)
                        | Change::RedeemInvitation { .. }
                        | Change::RevokeInvitation { .. }
                        | Change::InsertInvitationLink { .. }
                        | Change::InsertHeldJoin(..)
                        | Change::SettleHeldJoin { .. }
                        | Change::RetireLink { .. } => Self::write_invitations(tx, change).await?,
                        Change::InsertPost(..)
                        | Change::SetPostState { .. }
                        | Change::InsertMatch(..)
                        | Change::SetMatchState { .. }
                        | Change::SetDeclineReason { .. }
                        | Change::RemindedPost { .. }
                        | Change::KeepAnalyses { .. }
                        | Change::ExcludeNeeds { .. }
                        | Change::RestoreNeeds { .. }
                        | Change::RelayMessage { .. }
                        | Change::InsertAnnouncement(..)
                        | Change::SetAnnouncementState { .. }
                        | Change::InsertAnnouncementMessage { .. }
                        | Change::CloseRelay { .. }
                        | Change::InsertPostSource { .. }
                        | Change::InsertPostMessage { .. } => Self::write_posts(tx, change).await?,
                        Change::InsertReport(..)
                        | Change::SetReportState { .. }
                        | Change::SetSetting { .. }
                        | Change::Transfer(..)
                        | Change::Audit(..) => Self::write_records(tx, change).await?,
                        Change::Enqueue(..)
                        | Change::HoldAnswer { .. }
                        | Change::Answer(..)
                        | Change::CancelMessage(..)
                        | Change::SeenEvent { .. }
                        | Change::Reachable { .. }
                        | Change::Hinted { .. }
                        | Change::SetCursor { .. }
                        | Change::CancelMessagesStartingWith(..)
                        | Change::CancelMessagesTo(..) => Self::write_outbox(tx, change).await?,
                    };
                    if let Some(what) = conflict {
                        // Dropping the transaction rolls it back.
                        return Err(StoreError::Conflict(what));
                    }
                }
                Ok(())
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
                /// At most this many runs of one change list (see `must_run_again`).
                const RUNS: usize = 3;
                let _writer = self.write_guard().await;
                let mut run = 1;
                let (mut connection, result) = loop {
                    let mut connection = self.pool.acquire().await.map_err(backend)?;
                    let result = self.apply_on(&mut connection, std::iter::once(&changes)).await;
                    // Two processes' transactions waited on each other (asks add to the same
                    // daily counts, 0027): PostgreSQL rolled one back whole, so it runs again.
                    if let Err(error) = &result
                        && run < RUNS
                        && must_run_again(error)
                    {
                        tracing::warn!(run, %error, "PostgreSQL rolled a transaction back: it runs again");
                        connection.close_on_drop();
                        run += 1;
                        continue;
                    }
                    break (connection, result);
                };
                self.settle_write(&mut connection, &result);
                result
            }

            async fn apply_in_slices(
                &self,
                slices: &mut (dyn Iterator<Item = Vec<Change>> + Send),
            ) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                let mut connection = self.pool.acquire().await.map_err(backend)?;
                let result = self.apply_on(&mut connection, slices).await;
                self.settle_write(&mut connection, &result);
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

            async fn events_seen(&self, platform: Platform, event_ids: &[String]) -> Result<Vec<String>, StoreError> {
                let mut seen = Vec::new();
                // A few hundred at a time: within every backend's limit on bound values.
                for ids in event_ids.chunks(500) {
                    let marks: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
                    let sql = format!(
                        "SELECT event_id FROM inbound_events WHERE platform = $1 AND event_id IN ({})",
                        marks.join(", ")
                    );
                    // Only numbered marks are added to the text; the ids are bound.
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(platform.as_str());
                    for id in ids {
                        query = query.bind(id);
                    }
                    for row in query.fetch_all(&self.pool).await.map_err(backend)? {
                        seen.push(row.try_get("event_id").map_err(backend)?);
                    }
                }
                Ok(seen)
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
