//! `entraide-store-sql`: the [`Store`] port on SQLite (the default, one file) and PostgreSQL
//! (several bot processes sharing one database), through sqlx. All of Entraide's SQL lives in
//! this crate. Both backends run the same queries (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING` work in both); macros instantiate the one implementation for each (one file
//! per part of the port: `rows`, `write` and `write_*` by domain, `community`, `posts`,
//! `outbox`), and each has its own migrations in `migrations/sqlite` and
//! `migrations/postgres`.
//!
//! [`open`] picks the backend from the database URL's scheme and applies pending migrations.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use entraide_core::dashboard::{WebLink, WebSession};
use entraide_core::lease::Lease;
use entraide_core::matching::fold;
use entraide_core::model::{
    Account, AccountRef, Announcement, AnnouncementState, AuditAction, AuditEntry, BarredAccount, Category, Community,
    CommunityId, DeclineReason, HeldJoin, HeldOutcome, Invitation, InvitationId, Lang, LinkCode, Match, MatchId,
    MatchState, Member, MemberId, MemberStatus, OutboxMessage, Outgoing, OutgoingBody, Place, Platform, Post, PostId,
    PostKind, PostState, Reason, Report, ReportState, Role, Timestamp, Transfer,
};
use entraide_core::ports::{
    AuditQuery, BackendError, Backlog, Census, Change, CreditStore, DashboardStore, IdKind, InvitationStore,
    LeaseStore, MemberStore, ModerationStore, OutboxStore, PostStore, Storage, Store, StoreError,
};
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

mod backup;
mod schema;

pub use backup::{backup_sqlite, restore_sqlite};
pub use schema::{SchemaStatus, lease_holders, schema_status};

/// Opens the database a URL names (`sqlite:entraide.db`, `postgres://…`), creating a SQLite
/// file if needed, and applies pending migrations.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        Err(StoreError::Backend("the database URL must start with sqlite: or postgres://".into()))
    }
}

/// The SQLite store: one file, write-ahead log, migrations applied on open. One process
/// only: a second process on the same file is refused (see [`ProcessLock`]).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    _lock: Option<Arc<ProcessLock>>,
    /// One writer at a time, queued here rather than in SQLite's busy handler (which sleeps
    /// in steps of milliseconds): the file belongs to this process alone.
    writer: Arc<tokio::sync::Mutex<()>>,
    write_failure: WriteFailure,
}

/// Why the last write failed, until one succeeds: `/readyz` is not ready meanwhile.
#[derive(Debug, Clone, Default)]
struct WriteFailure(Arc<std::sync::Mutex<Option<String>>>);

impl WriteFailure {
    fn set(&self, error: &StoreError) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(error.to_string());
    }

    fn clear(&self) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    fn get(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

impl SqliteStore {
    async fn write_guard(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        Some(self.writer.lock().await)
    }

    /// Folds the write-ahead log into the file and truncates it to nothing ([`Store::scrub`]):
    /// the log keeps every version of the pages written since the last checkpoint, erased
    /// rows included, and a plain checkpoint leaves them there to be overwritten some day.
    /// In the file, `secure_delete` has zeroed what was erased. Writers wait for it; SQLite's
    /// busy handler waits for readers to leave the log.
    async fn fold_log(&self) -> Result<(), StoreError> {
        let _writer = self.write_guard().await;
        let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await.map_err(backend)?;
        // (busy, frames in the log, frames folded): busy when a reader still held the log.
        let busy: i64 = row.try_get(0).map_err(backend)?;
        if busy != 0 {
            return Err(StoreError::Backend("the write-ahead log is still read: it was not emptied".into()));
        }
        Ok(())
    }
}

impl PostgresStore {
    /// PostgreSQL handles concurrent writers itself (row locks, `SKIP LOCKED`).
    async fn write_guard(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        None
    }

    /// Nothing a bot can do ([`Store::scrub`]): an erased row's old version stays in the
    /// table until VACUUM reuses its space (without overwriting it), and in the server's own
    /// write-ahead log, its archives and replicas. Those belong to the server and whoever runs
    /// it (encrypted disks, how long WAL archives and backups are kept; see docs/operators.md), not
    /// to a client: `VACUUM FULL` would lock the tables and needs their owner.
    async fn fold_log(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// An exclusive lock on `FILE.lock` next to a SQLite database, held while this process uses
/// it. Stores opened again in the same process share it; another process is refused.
#[derive(Debug)]
pub struct ProcessLock {
    _file: std::fs::File,
}

impl ProcessLock {
    /// Takes (or shares, within this process) the lock of the database at `path`; says
    /// whether this process has just taken it (rather than sharing it).
    fn take(path: &std::path::Path) -> Result<(Arc<ProcessLock>, bool), StoreError> {
        use std::collections::HashMap;
        use std::sync::{Mutex, Weak};
        static HELD: Mutex<Option<HashMap<std::path::PathBuf, Weak<ProcessLock>>>> = Mutex::new(None);
        let lock_path = lock_path(path);
        let parent = path.parent().filter(|parent| !parent.as_os_str().is_empty());
        let key = std::fs::canonicalize(parent.unwrap_or(std::path::Path::new(".")))
            .unwrap_or_default()
            .join(lock_path.file_name().unwrap_or_default());
        let mut held = HELD.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let held = held.get_or_insert_with(HashMap::new);
        if let Some(lock) = held.get(&key).and_then(Weak::upgrade) {
            return Ok((lock, false));
        }
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(|error| {
                StoreError::Backend(format!("cannot create {}: {error}", lock_path.display()).into())
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Backend(
                    format!(
                        "the SQLite database {} is already used by another entraide process; a SQLite file serves one \
                     process only (use PostgreSQL to run several)",
                        path.display()
                    )
                    .into(),
                ));
            }
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(StoreError::Backend(format!("cannot lock {}: {error}", lock_path.display()).into()));
            }
        }
        let lock = Arc::new(ProcessLock { _file: file });
        held.insert(key, Arc::downgrade(&lock));
        Ok((lock, true))
    }
}

/// Whether another process uses the SQLite database a URL names now (holds its lock); false
/// for PostgreSQL, which cannot tell. Takes nothing: for `entraide doctor`.
pub fn sqlite_in_use(url: &str) -> bool {
    let Some(path) = sqlite_path(url) else { return false };
    // Read only: a lock is taken on any handle, and the doctor may not be the bot's user.
    match std::fs::OpenOptions::new().read(true).open(lock_path(&path)) {
        Ok(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// `FILE.lock` beside a SQLite database `FILE`.
fn lock_path(path: &std::path::Path) -> std::path::PathBuf {
    path.with_extension(match path.extension() {
        Some(extension) => format!("{}.lock", extension.to_string_lossy()),
        None => "lock".to_owned(),
    })
}

/// The file a `sqlite:` URL names, unless it is an in-memory database.
fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:" && !url.contains("mode=memory")).then(|| std::path::PathBuf::from(path))
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates a SQLite database.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let (lock, fresh) = match sqlite_path(url).map(|path| ProcessLock::take(&path)).transpose()? {
            Some((lock, fresh)) => (Some(lock), fresh),
            None => (None, false),
        };
        let options = SqliteConnectOptions::from_str(url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode, NORMAL loses nothing when the process crashes (only, at worst, the
            // last transactions if the machine loses power), and commits without an fsync each.
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            // What is erased (a relayed message once delivered) is overwritten in its pages,
            // not only unlinked; `scrub` then empties the log, which keeps earlier versions.
            .pragma("secure_delete", "ON")
            .foreign_keys(true);
        // No ping before each use: a local file does not go away, and a ping is a round trip.
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(backend)?;
        sqlx::migrate!("../../migrations/sqlite").run(&pool).await.map_err(backend)?;
        if fresh {
            // The file is this process's alone now: a claim on the outbox was made by a
            // process that is gone (killed while sending). Its messages are due again at
            // once, not when its lease would have run out.
            sqlx::query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE outcome IS NULL AND claimed_by IS NOT NULL")
                .execute(&pool)
                .await
                .map_err(backend)?;
        }
        Ok(Self { pool, _lock: lock, writer: Arc::default(), write_failure: WriteFailure::default() })
    }
}

/// How long to wait for the PostgreSQL server, for the first connection and for one from
/// the pool.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL store, for several processes sharing one database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    write_failure: WriteFailure,
}

impl PostgresStore {
    /// Connects to and migrates a PostgreSQL database.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        use sqlx::Connection;
        // A process frozen (SIGSTOP, a suspended machine) inside a transaction would hold its
        // locks, and the process that took its connections over would wait on them: the
        // server ends such a transaction after 5 s, well within a connection lease (8 s at
        // least).
        let options =
            PgConnectOptions::from_str(url).map_err(backend)?.options([("idle_in_transaction_session_timeout", "5s")]);
        // The pool retries a refused connection until its timeout, then says only "pool timed
        // out": one connection first says the real cause at once (refused, unknown host,
        // password).
        let first = tokio::time::timeout(CONNECT_TIMEOUT, sqlx::PgConnection::connect_with(&options))
            .await
            .map_err(|_| {
                StoreError::Backend(
                    format!("the PostgreSQL server did not answer within {}s", CONNECT_TIMEOUT.as_secs()).into(),
                )
            })?
            .map_err(backend)?;
        let _ = first.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(backend)?;
        sqlx::migrate!("../../migrations/postgres").run(&pool).await.map_err(backend)?;
        Ok(Self { pool, write_failure: WriteFailure::default() })
    }
}

/// Creates an empty PostgreSQL database next to the one `admin_url` names and returns its
/// URL. For tests and first setup; `name` is letters, digits and `_` only.
pub async fn create_postgres_database(admin_url: &str, name: &str) -> Result<String, StoreError> {
    use sqlx::Connection;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(StoreError::Backend(format!("invalid database name {name:?}").into()));
    }
    let (base, _) =
        admin_url.rsplit_once('/').ok_or_else(|| StoreError::Backend("the URL must end with /DATABASE".into()))?;
    let mut connection = sqlx::PgConnection::connect(admin_url).await.map_err(backend)?;
    // Identifiers cannot be bound as parameters; the name was checked above.
    let statement = format!("CREATE DATABASE {name}");
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement)).execute(&mut connection).await.map_err(backend)?;
    connection.close().await.map_err(backend)?;
    Ok(format!("{base}/{name}"))
}

fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Backend(BackendError::from_error(error))
}

/// Whether PostgreSQL rolled a transaction back to end a deadlock (40P01) or a
/// serialization failure (40001): nothing of it was written, and it may simply run again.
fn must_run_again(error: &StoreError) -> bool {
    let StoreError::Backend(error) = error else { return false };
    std::error::Error::source(error)
        .and_then(|source| source.downcast_ref::<sqlx::Error>())
        .and_then(sqlx::Error::as_database_error)
        .and_then(|database| database.code())
        .is_some_and(|code| code == "40P01" || code == "40001")
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value:?}"))
}

/// Parses a stored enum string.
fn parse<T>(what: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| corrupt(what, value))
}

/// `(place_kind, place)` columns for a [`Place`].
fn place_columns(place: &Place) -> (&'static str, Option<&str>) {
    match place {
        Place::Online => ("online", None),
        Place::Local(name) => ("local", Some(name)),
        Place::Unknown => ("unknown", None),
    }
}

fn place_from(kind: &str, name: Option<String>) -> Result<Place, StoreError> {
    match (kind, name) {
        ("online", _) => Ok(Place::Online),
        ("local", Some(name)) => Ok(Place::Local(name)),
        ("unknown", _) => Ok(Place::Unknown),
        (kind, _) => Err(corrupt("place", kind)),
    }
}

/// Column list, as a macro so that queries stay static strings.
macro_rules! member_columns {
    () => {
        "id, community_id, display_name, lang, place, role, status, sponsor_id, joined_at, invite_block, last_seen_at, reminded_at, inactive_since, suspended_until"
    };
}
/// Column list, as a macro so that queries stay static strings.
macro_rules! post_columns {
    () => {
        "id, community_id, author_id, kind, category, topic, text, place_kind, place, state, created_at, updated_at, on_behalf_of"
    };
}
/// Column list, as a macro so that queries stay static strings.
/// A ledger transaction with its two entries (`t`: the transaction).
macro_rules! transfer_select {
    () => {
        "SELECT t.id, t.community_id, t.cause, t.request_id, t.corrects, t.reason, t.at, \
         (SELECT member_id FROM ledger_entries WHERE transaction_id = t.id AND minutes < 0) AS from_id, \
         (SELECT member_id FROM ledger_entries WHERE transaction_id = t.id AND minutes > 0) AS to_id, \
         (SELECT minutes FROM ledger_entries WHERE transaction_id = t.id AND minutes > 0) AS minutes \
         FROM ledger_transactions t"
    };
}

macro_rules! match_columns {
    () => {
        "id, request_id, offer_id, requester_id, helper_id, score, reasons, state, created_at, updated_at, accepted_at, relay_closed_at, decline_reason"
    };
}
/// Column list, as a macro so that queries stay static strings.
macro_rules! invitation_columns {
    () => {
        "id, community_id, code, sponsor_id, created_at, expires_at, used_by, used_at, revoked_at, note"
    };
}

/// Claims due outbox rows (see [`Store::claim_due`]); `{lock}` is where PostgreSQL adds
/// `FOR UPDATE SKIP LOCKED`, which SQLite (one process, one writer) neither has nor needs.
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN (\
             SELECT o.id FROM outbox o WHERE o.platform = $3 AND o.outcome IS NULL AND o.not_before <= $4 \
             AND (o.claimed_until IS NULL OR o.claimed_until <= $4) \
             AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.platform = o.platform AND e.recipient = o.recipient \
                 AND e.action = o.action AND e.outcome IS NULL AND e.id < o.id AND e.queued_for <= o.queued_for) \
             ORDER BY o.priority DESC, o.id LIMIT $5 ",
            $lock,
            ") RETURNING id, key, platform, recipient, body, not_before, attempts, last_error, priority"
        )
    };
}

/// The size of the write that tells a failed store it may take commands again.
const PROBE_BYTES: usize = 32 * 1024;

/// Outbox rows that concern a community: its members' accounts, its invitations' actions, or
/// its groups (what is addressed to a chat: see `OutgoingBody::is_for_a_chat`).
macro_rules! of_community {
    ($community:literal) => {
        concat!(
            "(EXISTS (SELECT 1 FROM accounts a WHERE a.community_id = ",
            $community,
            " AND a.platform = outbox.platform AND a.user_id = outbox.recipient) \
             OR EXISTS (SELECT 1 FROM invitations i WHERE i.community_id = ",
            // `AccountRef::invitation`'s address.
            $community,
            " AND outbox.recipient = '#invitation-' || i.id) \
             OR outbox.body LIKE '{\"type\":\"answer\"%' OR outbox.body LIKE '{\"type\":\"announce\"%' \
             OR outbox.body LIKE '{\"type\":\"edit_message\"%' OR outbox.body LIKE '{\"type\":\"delete_message\"%' \
             OR outbox.body LIKE '{\"type\":\"remove_command\"%' OR outbox.body = '{\"type\":\"list_members\"}')"
        )
    };
}

// Each part of the store port, as a macro instantiated for both backends below.
#[macro_use]
mod rows;
#[macro_use]
mod write;
#[macro_use]
mod write_invitations;
#[macro_use]
mod write_members;
#[macro_use]
mod write_outbox;
#[macro_use]
mod write_posts;
#[macro_use]
mod write_records;
#[macro_use]
mod community;
#[macro_use]
mod stats;
#[macro_use]
mod posts;
#[macro_use]
mod leases;
#[macro_use]
mod outbox;
#[macro_use]
mod dashboard;

/// Implements every part of the store port for one backend; `$row` is that backend's row
/// type and `$claim` its claiming query. Each part is a macro in its own file.
macro_rules! sql_store {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        sql_rows!($store, $db, $row, $claim);
        sql_write!($store, $db, $row, $claim);
        sql_write_members!($store, $db, $row, $claim);
        sql_write_invitations!($store, $db, $row, $claim);
        sql_write_posts!($store, $db, $row, $claim);
        sql_write_records!($store, $db, $row, $claim);
        sql_write_outbox!($store, $db, $row, $claim);
        sql_storage!($store, $db, $row, $claim);
        sql_community!($store, $db, $row, $claim);
        sql_stats!($store, $db, $row, $claim);
        sql_posts!($store, $db, $row, $claim);
        sql_outbox!($store, $db, $row, $claim);
        sql_leases!($store, $db, $row, $claim);
        sql_dashboard!($store, $db, $row, $claim);
    };
}

sql_store!(SqliteStore, sqlx::Sqlite, sqlx::sqlite::SqliteRow, claim_sql!(""));
sql_store!(PostgresStore, sqlx::Postgres, sqlx::postgres::PgRow, claim_sql!("FOR UPDATE SKIP LOCKED"));

/// The baseline the matcher is benchmarked against: SQLite FTS5 full-text search ranked by
/// `bm25()`, what a member typing in a plain search box would get. In memory; for benchmarks.
pub struct Bm25Baseline {
    pool: SqlitePool,
}

impl Bm25Baseline {
    /// Loads `(id, text, area)` offers into an FTS5 table (`area` is `online` for online help).
    pub async fn new(offers: &[(i64, String, String)]) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.map_err(backend)?;
        sqlx::query(
            "CREATE VIRTUAL TABLE offers USING fts5(text, area UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
        )
        .execute(&pool)
        .await
        .map_err(backend)?;
        let mut tx = pool.begin().await.map_err(backend)?;
        for (id, text, area) in offers {
            sqlx::query("INSERT INTO offers (rowid, text, area) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(text)
                .bind(area)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Self { pool })
    }

    /// The five best offers for a request in `area` (or online), by BM25 over its words.
    pub async fn search(&self, text: &str, area: &str) -> Result<Vec<i64>, StoreError> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().count() > 2)
            .map(|word| format!("\"{word}\""))
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT rowid FROM offers WHERE offers MATCH $1 AND (area = $2 OR area = 'online') ORDER BY bm25(offers) LIMIT 5",
        )
        .bind(words.join(" OR "))
        .bind(area)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(|row| row.try_get("rowid").map_err(backend)).collect()
    }
}

#[cfg(test)]
mod tests {
    use entraide_core::model::{
        AnnouncementState, AuditAction, Category, DeclineReason, HeldOutcome, Lang, MatchState, MemberStatus, Platform,
        PostKind, PostState, ReportState, Role,
    };

    /// A database error keeps the driver's own error as its source, for logs and callers that
    /// look into it, with the same words as before.
    #[test]
    fn a_database_error_keeps_the_drivers_error() {
        let error = super::backend(sqlx::Error::RowNotFound);
        assert_eq!(error.to_string(), format!("database: {}", sqlx::Error::RowNotFound));
        let source = std::error::Error::source(&error).and_then(std::error::Error::source);
        assert!(source.is_some_and(|source| source.is::<sqlx::Error>()), "{error:?}");
    }

    /// Every word the SQL writes between quotes (`status = 'active'`, `state IN ('open',
    /// 'taken')`) is a value the model stores, or one of the few the store keeps for itself:
    /// renaming a value in the model cannot leave a query reading the old one.
    #[test]
    fn the_values_quoted_in_sql_are_the_models() {
        let mut known: Vec<&str> = Vec::new();
        known.extend(Platform::ALL.iter().map(|v| v.as_str()));
        known.extend(Lang::ALL.iter().map(|v| v.as_str()));
        known.extend(Role::ALL.iter().map(|v| v.as_str()));
        known.extend(MemberStatus::ALL.iter().map(|v| v.as_str()));
        known.extend(PostKind::ALL.iter().map(|v| v.as_str()));
        known.extend(Category::ALL.iter().map(|v| v.as_str()));
        known.extend(PostState::ALL.iter().map(|v| v.as_str()));
        known.extend(MatchState::ALL.iter().map(|v| v.as_str()));
        known.extend(DeclineReason::ALL.iter().map(|v| v.as_str()));
        known.extend(AuditAction::ALL.iter().map(|v| v.as_str()));
        known.extend(AnnouncementState::ALL.iter().map(|v| v.as_str()));
        known.extend(ReportState::ALL.iter().map(|v| v.as_str()));
        known.extend(HeldOutcome::ALL.iter().map(|v| v.as_str()));
        // The store's own: outbox outcomes, place kinds, the catalogs' table names.
        known.extend(["sent", "parked", "cancelled", "local", "online", "unknown", "table", "_sqlx_migrations", "_"]);
        known.push("leases");
        // The letters PostgreSQL's `translate` lowercases in the audit log's word search.
        known.extend(["abcdefghijklmnopqrstuvwxyz"]);
        let sources = [
            include_str!("lib.rs"),
            include_str!("rows.rs"),
            include_str!("write.rs"),
            include_str!("write_members.rs"),
            include_str!("write_invitations.rs"),
            include_str!("write_posts.rs"),
            include_str!("write_records.rs"),
            include_str!("write_outbox.rs"),
            include_str!("community.rs"),
            include_str!("posts.rs"),
            include_str!("outbox.rs"),
            include_str!("schema.rs"),
            include_str!("dashboard.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            // This test's own list is no query.
            let source = source.split("#[cfg(test)]").next().unwrap_or_default();
            // A quoted word: `'`, lowercase letters and `_`, `'`, after a blank, `(` or `,`
            // (an apostrophe in a comment, "the store's", is none).
            let bytes = source.as_bytes();
            for (at, _) in source.match_indices('\'') {
                let opens = at > 0 && matches!(bytes[at - 1], b' ' | b'(' | b',');
                let word: String =
                    source[at + 1..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if opens && !word.is_empty() && source[at + 1 + word.len()..].starts_with('\'') {
                    assert!(known.contains(&word.as_str()), "'{word}' in a query is no value of the model");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 30, "the queries' values were read ({checked})");
    }
}
