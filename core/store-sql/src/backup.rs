//! Backups and restores. A SQLite database is copied online, consistently, while bots run
//! (`VACUUM INTO`); a restore refuses while a bot uses the database, and checks the copy's
//! integrity and schema version before it replaces anything. PostgreSQL has its own tools
//! (`pg_dump`, `pg_restore`): the binary points at them.

use std::path::Path;
use std::str::FromStr;

use entraide_core::ports::StoreError;
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::{ProcessLock, backend, sqlite_path};

/// Why a backup or a restore was refused.
fn refused(why: String) -> StoreError {
    StoreError::Backend(why.into())
}

/// Writes a consistent copy of the SQLite database at `url` to `destination` (a new file),
/// while bots may be running on it.
pub async fn backup_sqlite(url: &str, destination: &Path) -> Result<(), StoreError> {
    if destination.exists() {
        return Err(refused(format!("{} exists already: choose a new file", destination.display())));
    }
    let options = SqliteConnectOptions::from_str(url).map_err(backend)?.read_only(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(backend)?;
    let done = sqlx::query("VACUUM INTO $1").bind(destination.to_string_lossy().into_owned()).execute(&pool).await;
    pool.close().await;
    done.map_err(backend)?;
    Ok(())
}

/// Replaces the SQLite database at `url` with the copy at `source`: refused while a bot runs
/// on it, or when the copy is damaged or comes from a newer version of Entraide.
pub async fn restore_sqlite(url: &str, source: &Path) -> Result<(), StoreError> {
    let target = sqlite_path(url).ok_or_else(|| refused("an in-memory database cannot be restored".into()))?;
    let _lock = ProcessLock::take(&target)?;
    let same = |a: &Path, b: &Path| {
        std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
    };
    if same(source, &target) {
        return Err(refused("that is the database itself, not a copy".into()));
    }
    if side(source, "-wal").exists() {
        return Err(refused("the copy has a WAL beside it: restore a copy made by entraide backup".into()));
    }
    let options = SqliteConnectOptions::new().filename(source).read_only(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(backend)?;
    let checked = check_copy(&pool).await;
    pool.close().await;
    checked?;
    // Written beside, synced, then put in place in one rename: the database is never half
    // written, and its WAL goes only once the copy is whole.
    let staged = side(&target, ".restoring");
    if let Err(error) = stage(source, &staged) {
        let _ = std::fs::remove_file(&staged);
        return Err(refused(format!("cannot write {}: {error}", staged.display())));
    }
    for suffix in ["-wal", "-shm"] {
        let file = side(&target, suffix);
        if file.exists() {
            std::fs::remove_file(&file)
                .map_err(|error| refused(format!("cannot remove {}: {error}", file.display())))?;
        }
    }
    std::fs::rename(&staged, &target)
        .map_err(|error| refused(format!("cannot replace {}: {error}", target.display())))?;
    Ok(())
}

/// A file beside a database: `entraide.db-wal`.
fn side(path: &Path, suffix: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Copies the backup to `staged`, readable and writable by its owner only, and syncs it.
fn stage(source: &Path, staged: &Path) -> std::io::Result<()> {
    std::fs::copy(source, staged)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staged, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::File::open(staged)?.sync_all()
}

/// A copy is whole, and its schema is one this version knows.
async fn check_copy(pool: &sqlx::SqlitePool) -> Result<(), StoreError> {
    let integrity: String =
        sqlx::query("PRAGMA integrity_check").fetch_one(pool).await.map_err(backend)?.try_get(0).map_err(backend)?;
    if integrity != "ok" {
        return Err(refused(format!("the copy is damaged: {integrity}")));
    }
    let row = sqlx::query("SELECT MAX(version) AS version FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
        .map_err(|_| refused("the copy is not an Entraide database".into()))?;
    let version: Option<i64> = row.try_get("version").map_err(backend)?;
    let known = sqlx::migrate!("../../migrations/sqlite").migrations.iter().map(|m| m.version).max().unwrap_or(0);
    match version {
        None => Err(refused("the copy is not an Entraide database".into())),
        Some(version) if version > known => {
            Err(refused(format!("the copy comes from a newer version (schema {version}, this one knows {known})")))
        }
        Some(_) => Ok(()),
    }
}
