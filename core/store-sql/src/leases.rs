//! Leases on platform connections in SQL: taking one is a single upsert that succeeds only
//! when the lease is free, ran out or is already the taker's, so two processes racing for it
//! cannot both get it (the row is their arbiter, on SQLite as on PostgreSQL).

/// Leases, for one backend.
macro_rules! sql_leases {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        #[async_trait]
        impl LeaseStore for $store {
            async fn take_lease(
                &self,
                name: &str,
                holder: &str,
                now: Timestamp,
                until: Timestamp,
            ) -> Result<Option<Lease>, StoreError> {
                let _writer = self.write_guard().await;
                let row = sqlx::query(
                    "INSERT INTO leases (name, holder, token, until, renewed_at) VALUES ($1, $2, 1, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until, \
                     renewed_at = excluded.renewed_at, \
                     token = CASE WHEN leases.holder = excluded.holder AND leases.until > excluded.renewed_at \
                             THEN leases.token ELSE leases.token + 1 END \
                     WHERE leases.holder = excluded.holder OR leases.until <= excluded.renewed_at \
                     RETURNING name, holder, token, until, renewed_at",
                )
                .bind(name)
                .bind(holder)
                .bind(until)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.as_ref().map(Self::lease_from).transpose()
            }

            async fn renew_lease(
                &self,
                name: &str,
                holder: &str,
                token: i64,
                now: Timestamp,
                until: Timestamp,
            ) -> Result<bool, StoreError> {
                let _writer = self.write_guard().await;
                let done = sqlx::query(
                    "UPDATE leases SET until = $1, renewed_at = $2 \
                     WHERE name = $3 AND holder = $4 AND token = $5 AND until > $2",
                )
                .bind(until)
                .bind(now)
                .bind(name)
                .bind(holder)
                .bind(token)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn release_lease(&self, name: &str, holder: &str, token: i64) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query("UPDATE leases SET until = 0 WHERE name = $1 AND holder = $2 AND token = $3")
                    .bind(name)
                    .bind(holder)
                    .bind(token)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn leases(&self) -> Result<Vec<Lease>, StoreError> {
                sqlx::query("SELECT name, holder, token, until, renewed_at FROM leases ORDER BY name")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::lease_from)
                    .collect()
            }
        }

        impl $store {
            fn lease_from(row: &$row) -> Result<Lease, StoreError> {
                Ok(Lease {
                    name: row.try_get("name").map_err(backend)?,
                    holder: row.try_get("holder").map_err(backend)?,
                    token: row.try_get("token").map_err(backend)?,
                    until: row.try_get("until").map_err(backend)?,
                    renewed_at: row.try_get("renewed_at").map_err(backend)?,
                })
            }
        }
    };
}
