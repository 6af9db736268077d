//! How a database's schema stands against this version's migrations, read without changing
//! anything (no migration, no lock: a bot may be running on it). For `entraide doctor`.

use std::str::FromStr;

use entraide_core::ports::StoreError;
use sqlx::Row;
use sqlx::sqlite::SqliteConnectOptions;

use crate::backend;

/// A database's schema against this version's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaStatus {
    /// The last migration applied; `None` for a database not created yet, or empty.
    pub applied: Option<i64>,
    /// The last migration this version knows.
    pub known: i64,
    /// What SQLite's `quick_check` found wrong in the file (a corrupted page), if anything; the
    /// schema is not read then. Always `None` on PostgreSQL, which checks its own pages.
    pub damage: Option<String>,
}

/// Reads the schema of the database a URL names. A SQLite file that does not exist yet is
/// reported as such (`applied: None`), not created.
pub async fn schema_status(url: &str) -> Result<SchemaStatus, StoreError> {
    use sqlx::Connection;
    if let Some(path) = url.strip_prefix("sqlite:") {
        let known = sqlx::migrate!("../../migrations/sqlite").migrations.iter().map(|m| m.version).max().unwrap_or(0);
        let path = path.trim_start_matches("//").split('?').next().unwrap_or_default();
        if !std::path::Path::new(path).exists() {
            return Ok(SchemaStatus { applied: None, known, damage: None });
        }
        let options = SqliteConnectOptions::from_str(url).map_err(backend)?.read_only(true);
        let mut connection = match sqlx::SqliteConnection::connect_with(&options).await {
            Ok(connection) => connection,
            Err(error) => match damage_of(&error) {
                Some(damage) => return Ok(SchemaStatus { applied: None, known, damage: Some(damage) }),
                None => return Err(backend(error)),
            },
        };
        // The schema is read from a few pages; a page damaged elsewhere shows only when a
        // bot reads it, perhaps after writing: the whole file is checked first.
        let damage = match quick_check(&mut connection).await {
            Ok(damage) => damage,
            Err(error) => match damage_of(&error) {
                Some(damage) => Some(damage),
                None => return Err(backend(error)),
            },
        };
        if damage.is_some() {
            let _ = connection.close().await;
            return Ok(SchemaStatus { applied: None, known, damage });
        }
        let applied = last_applied_sqlite(&mut connection).await;
        connection.close().await.map_err(backend)?;
        Ok(SchemaStatus { applied: applied?, known, damage: None })
    } else {
        let known = sqlx::migrate!("../../migrations/postgres").migrations.iter().map(|m| m.version).max().unwrap_or(0);
        let mut connection = sqlx::PgConnection::connect(url).await.map_err(backend)?;
        let applied = last_applied_postgres(&mut connection).await;
        connection.close().await.map_err(backend)?;
        Ok(SchemaStatus { applied: applied?, known, damage: None })
    }
}

/// What `PRAGMA quick_check` finds wrong in a SQLite file (its first few findings), or
/// `None` when it answers `ok`. It reads every page, without the slower index checks of
/// `integrity_check`.
async fn quick_check(connection: &mut sqlx::SqliteConnection) -> Result<Option<String>, sqlx::Error> {
    let rows = sqlx::query("PRAGMA quick_check(5)").fetch_all(&mut *connection).await?;
    let findings = rows.iter().map(|row| row.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?;
    Ok(match findings.as_slice() {
        [ok] if ok == "ok" => None,
        _ => Some(findings.join("; ")),
    })
}

/// SQLite's own words when an error says the file is damaged (`SQLITE_CORRUPT`) or is no
/// database at all (`SQLITE_NOTADB`), rather than out of reach.
fn damage_of(error: &sqlx::Error) -> Option<String> {
    const SQLITE_CORRUPT: i32 = 11;
    const SQLITE_NOTADB: i32 = 26;
    let sqlx::Error::Database(database) = error else { return None };
    // Extended result codes keep the primary code in their low byte.
    let code = database.code()?.parse::<i32>().ok()? & 0xff;
    matches!(code, SQLITE_CORRUPT | SQLITE_NOTADB).then(|| database.message().to_owned())
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

/// Who holds each platform connection of a PostgreSQL database (see `entraide_core::lease`),
/// read without changing anything; none on SQLite (one process) or before the leases' table
/// exists. For `entraide doctor`.
pub async fn lease_holders(url: &str) -> Result<Vec<entraide_core::lease::Lease>, StoreError> {
    use sqlx::Connection;
    if url.starts_with("sqlite:") {
        return Ok(Vec::new());
    }
    let mut connection = sqlx::PgConnection::connect(url).await.map_err(backend)?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT to_regclass('leases')::text").fetch_one(&mut connection).await.map_err(backend)?;
    if exists.is_none() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query("SELECT name, holder, token, until, renewed_at FROM leases ORDER BY name")
        .fetch_all(&mut connection)
        .await
        .map_err(backend)?;
    rows.iter().map(crate::PostgresStore::lease_from).collect()
}
