//! The dashboard's links and sessions, read and written in SQL.

/// The dashboard's links and sessions, for one backend.
macro_rules! sql_dashboard {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl DashboardStore for $store {
            async fn web_link(&self, community: CommunityId, digest: &str) -> Result<Option<WebLink>, StoreError> {
                let row = sqlx::query("SELECT * FROM web_links WHERE community_id = $1 AND digest = $2")
                    .bind(community)
                    .bind(digest)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref()
                    .map(|row| {
                        Ok(WebLink {
                            digest: row.try_get("digest").map_err(backend)?,
                            community_id: row.try_get("community_id").map_err(backend)?,
                            member_id: row.try_get("member_id").map_err(backend)?,
                            created_at: row.try_get("created_at").map_err(backend)?,
                            expires_at: row.try_get("expires_at").map_err(backend)?,
                            used_at: row.try_get("used_at").map_err(backend)?,
                        })
                    })
                    .transpose()
            }

            async fn web_session(&self, community: CommunityId, digest: &str) -> Result<Option<WebSession>, StoreError> {
                let row = sqlx::query("SELECT * FROM web_sessions WHERE community_id = $1 AND digest = $2")
                    .bind(community)
                    .bind(digest)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::web_session_from).transpose()
            }

            async fn web_sessions_of(&self, member: MemberId) -> Result<Vec<WebSession>, StoreError> {
                sqlx::query(
                    "SELECT * FROM web_sessions WHERE member_id = $1 AND ended_at IS NULL \
                     ORDER BY created_at DESC, digest DESC",
                )
                .bind(member)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::web_session_from)
                .collect()
            }
        }

        impl $store {
            fn web_session_from(row: &$row) -> Result<WebSession, StoreError> {
                Ok(WebSession {
                    digest: row.try_get("digest").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    member_id: row.try_get("member_id").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    seen_at: row.try_get("seen_at").map_err(backend)?,
                    expires_at: row.try_get("expires_at").map_err(backend)?,
                    ended_at: row.try_get("ended_at").map_err(backend)?,
                })
            }

            /// Writes one change to the dashboard's links and sessions; its conflict, if its
            /// precondition failed.
            async fn write_dashboard(
                tx: &mut sqlx::Transaction<'_, $db>,
                change: &Change,
            ) -> Result<Option<String>, StoreError> {
                Ok(match change {
                    Change::InsertWebLink(link) => {
                        let done = sqlx::query(
                            "INSERT INTO web_links (digest, community_id, member_id, created_at, expires_at, used_at) \
                             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (digest) DO NOTHING",
                        )
                        .bind(&link.digest)
                        .bind(link.community_id)
                        .bind(link.member_id)
                        .bind(link.created_at)
                        .bind(link.expires_at)
                        .bind(link.used_at)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        (done.rows_affected() == 0).then(|| "dashboard link exists".to_owned())
                    }
                    Change::UseWebLink { community, digest, at } => {
                        let done = sqlx::query(
                            "UPDATE web_links SET used_at = $1 \
                             WHERE community_id = $2 AND digest = $3 AND used_at IS NULL AND expires_at > $1",
                        )
                        .bind(at)
                        .bind(community)
                        .bind(digest)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        (done.rows_affected() == 0).then(|| "dashboard link cannot be used".to_owned())
                    }
                    Change::OpenWebSession(session) => {
                        let done = sqlx::query(
                            "INSERT INTO web_sessions (digest, community_id, member_id, created_at, seen_at, expires_at, ended_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (digest) DO NOTHING",
                        )
                        .bind(&session.digest)
                        .bind(session.community_id)
                        .bind(session.member_id)
                        .bind(session.created_at)
                        .bind(session.seen_at)
                        .bind(session.expires_at)
                        .bind(session.ended_at)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        (done.rows_affected() == 0).then(|| "dashboard session exists".to_owned())
                    }
                    Change::SeeWebSession { digest, at } => {
                        sqlx::query(
                            "UPDATE web_sessions SET seen_at = $1 WHERE digest = $2 AND ended_at IS NULL AND seen_at < $1",
                        )
                        .bind(at)
                        .bind(digest)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        None
                    }
                    Change::EndWebSessions { member, digest, at } => {
                        sqlx::query(
                            "UPDATE web_sessions SET ended_at = $1 \
                             WHERE member_id = $2 AND ended_at IS NULL AND ($3 IS NULL OR digest = $3)",
                        )
                        .bind(at)
                        .bind(member)
                        .bind(digest)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        None
                    }
                    Change::ForgetWebAccess { community, before } => {
                        sqlx::query("DELETE FROM web_links WHERE community_id = $1 AND expires_at < $2")
                            .bind(community)
                            .bind(before)
                            .execute(&mut **tx)
                            .await
                            .map_err(backend)?;
                        sqlx::query(
                            "DELETE FROM web_sessions WHERE community_id = $1 AND (expires_at < $2 OR ended_at < $2)",
                        )
                        .bind(community)
                        .bind(before)
                        .execute(&mut **tx)
                        .await
                        .map_err(backend)?;
                        None
                    }
                    _ => Some("not a dashboard change".to_owned()),
                })
            }
        }
    };
}
