//! How a database's schema stands against this version's migrations, read without changing
//! anything (no migration, no lock: a bot may be running on it). For `entraide doctor`.

use std::str::FromStr;

use entraide_core::ports::StoreError;
use sqlx::Row;
use sqlx::sqlite::SqliteConnectOptions;

use crate::backend;

/// A database's schema against this version's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaStatus {
    /// The last migration applied; `None` for a database not created yet, or empty.
    pub applied: Option<i64>,
    /// The last migration this version knows.
    pub known: i64,
}

/// Reads the schema of the database a URL names. A SQLite file that does not exist yet is
/// reported as such (`applied: None`), not created.
pub async fn schema_status(url: &str) -> Result<SchemaStatus, StoreError> {
    use sqlx::Connection;
    if let Some(path) = url.strip_prefix("sqlite:") {
        let known = sqlx::migrate!("../../migrations/sqlite").migrations.iter().map(|m| m.version).max().unwrap_or(0);
        let path = path.trim_start_matches("//").split('?').next().unwrap_or_default();
        if !std::path::Path::new(path).exists() {
            return Ok(SchemaStatus { applied: None, known });
        }
        let options = SqliteConnectOptions::from_str(url).map_err(backend)?.read_only(true);
        let mut connection = sqlx::SqliteConnection::connect_with(&options).await.map_err(backend)?;
        let applied = last_applied_sqlite(&mut connection).await;
        connection.close().await.map_err(backend)?;
        Ok(SchemaStatus { applied: applied?, known })
    } else {
        let known = sqlx::migrate!("../../migrations/postgres").migrations.iter().map(|m| m.version).max().unwrap_or(0);
        let mut connection = sqlx::PgConnection::connect(url).await.map_err(backend)?;
        let applied = last_applied_postgres(&mut connection).await;
        connection.close().await.map_err(backend)?;
        Ok(SchemaStatus { applied: applied?, known })
    }
}

/// The last successful migration, `None` when there is no migration table (an empty database).
async fn last_applied_sqlite(connection: &mut sqlx::SqliteConnection) -> Result<Option<i64>, StoreError> {
    let tables: i64 =
        sqlx::query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_one(&mut *connection)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
    if tables == 0 {
        return Ok(None);
    }
    let row = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *connection)
        .await
        .map_err(backend)?;
    row.try_get(0).map_err(backend)
}

/// The same on PostgreSQL.
async fn last_applied_postgres(connection: &mut sqlx::PgConnection) -> Result<Option<i64>, StoreError> {
    let exists: bool = sqlx::query("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *connection)
        .await
        .map_err(backend)?
        .try_get(0)
        .map_err(backend)?;
    if !exists {
        return Ok(None);
    }
    let row = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *connection)
        .await
        .map_err(backend)?;
    row.try_get(0).map_err(backend)
}
