//! `entraide-store-sql`: the [`Store`] port on SQLite (the default, one file) and PostgreSQL
//! (several bot processes sharing one database), through sqlx. All of Entraide's SQL lives in
//! this crate. Both backends run the same queries (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING` work in both); a macro instantiates the one implementation for each, and each
//! has its own migrations in `migrations/sqlite` and `migrations/postgres`.
//!
//! [`open`] picks the backend from the database URL's scheme and applies pending migrations.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use entraide_core::matching::fold;
use entraide_core::model::{
    Account, AccountRef, Announcement, AnnouncementState, AuditAction, AuditEntry, BarredAccount, Category, Community,
    CommunityId, DeclineReason, HeldJoin, HeldOutcome, Invitation, InvitationId, Lang, LinkCode, Match, MatchId,
    MatchState, Member, MemberId, MemberStatus, OutboxMessage, Outgoing, OutgoingBody, Place, Platform, Post, PostId,
    PostKind, PostState, Reason, Report, ReportState, Role, Timestamp, Transfer,
};
use entraide_core::ports::{AuditQuery, Backlog, Census, Change, IdKind, Store, StoreError};
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

mod backup;
mod schema;

pub use backup::{backup_sqlite, restore_sqlite};
pub use schema::{SchemaStatus, schema_status};

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
    /// it (encrypted disks, how long WAL archives and backups are kept; see the README), not
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
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|error| StoreError::Backend(format!("cannot create {}: {error}", lock_path.display())))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Backend(format!(
                    "the SQLite database {} is already used by another entraide process; a SQLite file serves one \
                     process only (use PostgreSQL to run several)",
                    path.display()
                )));
            }
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(StoreError::Backend(format!("cannot lock {}: {error}", lock_path.display())));
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
        let options = PgConnectOptions::from_str(url).map_err(backend)?;
        // The pool retries a refused connection until its timeout, then says only "pool timed
        // out": one connection first says the real cause at once (refused, unknown host,
        // password).
        let first = tokio::time::timeout(CONNECT_TIMEOUT, sqlx::PgConnection::connect_with(&options))
            .await
            .map_err(|_| {
                StoreError::Backend(format!(
                    "the PostgreSQL server did not answer within {}s",
                    CONNECT_TIMEOUT.as_secs()
                ))
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
        return Err(StoreError::Backend(format!("invalid database name {name:?}")));
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

fn backend(error: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(error.to_string())
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
            $community,
            " AND outbox.recipient = '#invitation-' || i.id) \
             OR outbox.body LIKE '{\"type\":\"answer\"%' OR outbox.body LIKE '{\"type\":\"announce\"%' \
             OR outbox.body LIKE '{\"type\":\"edit_message\"%' OR outbox.body LIKE '{\"type\":\"delete_message\"%' \
             OR outbox.body LIKE '{\"type\":\"remove_command\"%' OR outbox.body = '{\"type\":\"list_members\"}')"
        )
    };
}

/// Implements [`Store`] for one backend; `$row` is that backend's row type and `$claim`
/// its claiming query.
macro_rules! sql_store {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            fn member_from(row: &$row) -> Result<Member, StoreError> {
                let lang: String = row.try_get("lang").map_err(backend)?;
                let role: String = row.try_get("role").map_err(backend)?;
                let status: String = row.try_get("status").map_err(backend)?;
                Ok(Member {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    display_name: row.try_get("display_name").map_err(backend)?,
                    lang: parse("lang", &lang, Lang::parse)?,
                    place: row.try_get("place").map_err(backend)?,
                    role: parse("role", &role, Role::parse)?,
                    status: parse("status", &status, MemberStatus::parse)?,
                    sponsor_id: row.try_get("sponsor_id").map_err(backend)?,
                    joined_at: row.try_get("joined_at").map_err(backend)?,
                    invite_block: row.try_get("invite_block").map_err(backend)?,
                    last_seen_at: row.try_get("last_seen_at").map_err(backend)?,
                    reminded_at: row.try_get("reminded_at").map_err(backend)?,
                    inactive_since: row.try_get("inactive_since").map_err(backend)?,
                    suspended_until: row.try_get("suspended_until").map_err(backend)?,
                })
            }

            fn account_from(row: &$row) -> Result<Account, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                Ok(Account {
                    account: AccountRef {
                        platform: parse("platform", &platform, Platform::parse)?,
                        user_id: row.try_get("user_id").map_err(backend)?,
                    },
                    member_id: row.try_get("member_id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    display_name: row.try_get("display_name").map_err(backend)?,
                    linked_at: row.try_get("linked_at").map_err(backend)?,
                })
            }

            fn post_from(row: &$row) -> Result<Post, StoreError> {
                let kind: String = row.try_get("kind").map_err(backend)?;
                let category: String = row.try_get("category").map_err(backend)?;
                let state: String = row.try_get("state").map_err(backend)?;
                let place_kind: String = row.try_get("place_kind").map_err(backend)?;
                Ok(Post {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    author_id: row.try_get("author_id").map_err(backend)?,
                    kind: parse("kind", &kind, PostKind::parse)?,
                    category: parse("category", &category, Category::parse)?,
                    topic: row.try_get("topic").map_err(backend)?,
                    text: row.try_get("text").map_err(backend)?,
                    place: place_from(&place_kind, row.try_get("place").map_err(backend)?)?,
                    state: parse("state", &state, PostState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    updated_at: row.try_get("updated_at").map_err(backend)?,
                    on_behalf_of: row.try_get("on_behalf_of").map_err(backend)?,
                })
            }

            fn match_from(row: &$row) -> Result<Match, StoreError> {
                let state: String = row.try_get("state").map_err(backend)?;
                let reasons: String = row.try_get("reasons").map_err(backend)?;
                Ok(Match {
                    id: row.try_get("id").map_err(backend)?,
                    request_id: row.try_get("request_id").map_err(backend)?,
                    offer_id: row.try_get("offer_id").map_err(backend)?,
                    requester_id: row.try_get("requester_id").map_err(backend)?,
                    helper_id: row.try_get("helper_id").map_err(backend)?,
                    score: row.try_get("score").map_err(backend)?,
                    reasons: serde_json::from_str::<Vec<Reason>>(&reasons).map_err(|_| corrupt("reasons", "(hidden)"))?,
                    state: parse("match state", &state, MatchState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    updated_at: row.try_get("updated_at").map_err(backend)?,
                    accepted_at: row.try_get("accepted_at").map_err(backend)?,
                    relay_closed_at: row.try_get("relay_closed_at").map_err(backend)?,
                    decline_reason: row
                        .try_get::<Option<String>, _>("decline_reason")
                        .map_err(backend)?
                        .map(|reason| parse("decline reason", &reason, DeclineReason::parse))
                        .transpose()?,
                })
            }

            /// Where a platform showed something: (platform, chat, message).
            fn shown_from(row: &$row) -> Result<(Platform, String, String), StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                Ok((
                    parse("platform", &platform, Platform::parse)?,
                    row.try_get("chat").map_err(backend)?,
                    row.try_get("message").map_err(backend)?,
                ))
            }

            fn transfer_from(row: &$row) -> Result<Transfer, StoreError> {
                Ok(Transfer {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    cause: row.try_get("cause").map_err(backend)?,
                    from: row.try_get("from_id").map_err(backend)?,
                    to: row.try_get("to_id").map_err(backend)?,
                    minutes: row.try_get("minutes").map_err(backend)?,
                    request_id: row.try_get("request_id").map_err(backend)?,
                    corrects: row.try_get("corrects").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    at: row.try_get("at").map_err(backend)?,
                })
            }

            fn report_from(row: &$row) -> Result<Report, StoreError> {
                let state: String = row.try_get("state").map_err(backend)?;
                Ok(Report {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    reporter_id: row.try_get("reporter_id").map_err(backend)?,
                    target_id: row.try_get("target_id").map_err(backend)?,
                    post_id: row.try_get("post_id").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    state: parse("report state", &state, ReportState::parse)?,
                    handler_id: row.try_get("handler_id").map_err(backend)?,
                    resolution: row.try_get("resolution").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    settled_at: row.try_get("settled_at").map_err(backend)?,
                })
            }

            fn invitation_from(row: &$row) -> Result<Invitation, StoreError> {
                Ok(Invitation {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    code: row.try_get("code").map_err(backend)?,
                    sponsor_id: row.try_get("sponsor_id").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    expires_at: row.try_get("expires_at").map_err(backend)?,
                    used_by: row.try_get("used_by").map_err(backend)?,
                    used_at: row.try_get("used_at").map_err(backend)?,
                    revoked_at: row.try_get("revoked_at").map_err(backend)?,
                    note: row.try_get("note").map_err(backend)?,
                })
            }

            fn held_join_from(row: &$row) -> Result<HeldJoin, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                let candidates: String = row.try_get("candidates").map_err(backend)?;
                let outcome: Option<String> = row.try_get("outcome").map_err(backend)?;
                Ok(HeldJoin {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    account: AccountRef {
                        platform: parse("platform", &platform, Platform::parse)?,
                        user_id: row.try_get("user_id").map_err(backend)?,
                    },
                    display_name: row.try_get("display_name").map_err(backend)?,
                    candidates: serde_json::from_str(&candidates).map_err(|_| corrupt("candidates", "(hidden)"))?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    settled_by: row.try_get("settled_by").map_err(backend)?,
                    outcome: outcome.map(|o| parse("held outcome", &o, HeldOutcome::parse)).transpose()?,
                    settled_at: row.try_get("settled_at").map_err(backend)?,
                })
            }

            fn link_code_from(row: &$row) -> Result<LinkCode, StoreError> {
                Ok(LinkCode {
                    code: row.try_get("code").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    member_id: row.try_get("member_id").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    expires_at: row.try_get("expires_at").map_err(backend)?,
                    used_at: row.try_get("used_at").map_err(backend)?,
                })
            }

            fn audit_from(row: &$row) -> Result<AuditEntry, StoreError> {
                let action: String = row.try_get("action").map_err(backend)?;
                let platform: Option<String> = row.try_get("platform").map_err(backend)?;
                Ok(AuditEntry {
                    community_id: row.try_get("community_id").map_err(backend)?,
                    actor_id: row.try_get("actor_id").map_err(backend)?,
                    action: parse("audit action", &action, AuditAction::parse)?,
                    target_id: row.try_get("target_id").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    at: row.try_get("at").map_err(backend)?,
                    platform: platform.map(|p| parse("platform", &p, Platform::parse)).transpose()?,
                })
            }

            fn outbox_from(row: &$row) -> Result<OutboxMessage, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                let body: String = row.try_get("body").map_err(backend)?;
                let attempts: i64 = row.try_get("attempts").map_err(backend)?;
                Ok(OutboxMessage {
                    id: row.try_get("id").map_err(backend)?,
                    message: Outgoing {
                        key: row.try_get("key").map_err(backend)?,
                        to: AccountRef {
                            platform: parse("platform", &platform, Platform::parse)?,
                            user_id: row.try_get("recipient").map_err(backend)?,
                        },
                        body: serde_json::from_str::<OutgoingBody>(&body).map_err(|_| corrupt("outbox body", "(hidden)"))?,
                        not_before: row.try_get("not_before").map_err(backend)?,
                    },
                    attempts: i32::try_from(attempts).unwrap_or(i32::MAX),
                    last_error: row.try_get("last_error").map_err(backend)?,
                })
            }
        }

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

        #[async_trait]
        impl Store for $store {
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

            async fn post(&self, id: PostId) -> Result<Option<Post>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::post_from).transpose()
            }

            async fn open_posts(&self, community: CommunityId, kind: PostKind) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts \
                     WHERE community_id = $1 AND kind = $2 AND state IN ('open', 'proposed') ORDER BY id"))
                .bind(community)
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn stale_posts(&self, community: CommunityId, kind: PostKind, before: Timestamp) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = $3 \
                     AND state IN ('open', 'proposed') AND updated_at < $2 ORDER BY id"
                ))
                .bind(community)
                .bind(before)
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn posts_changed_since(&self, community: CommunityId, kind: PostKind, since: Timestamp) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = $2 AND updated_at >= $3 ORDER BY id"
                ))
                .bind(community)
                .bind(kind.as_str())
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
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

            async fn live_posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE author_id = $1 AND state IN ('open', 'proposed', 'in_contact') ORDER BY id"))
                .bind(author)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect()
            }

            async fn match_by_id(&self, id: MatchId) -> Result<Option<Match>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.as_ref().map(Self::match_from).transpose()
            }

            async fn matches_of_request(&self, request: PostId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE request_id = $1 ORDER BY id"))
                    .bind(request)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn matches_of_member(&self, member: MemberId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE helper_id = $1 OR requester_id = $1 ORDER BY id"))
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn matches_asking(&self, helper: MemberId) -> Result<Vec<Match>, StoreError> {
                sqlx::query(concat!("SELECT ", match_columns!(), " FROM matches WHERE helper_id = $1 AND state = 'asked' ORDER BY id"))
                    .bind(helper)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::match_from)
                    .collect()
            }

            async fn excluded_needs(&self, community: CommunityId) -> Result<Vec<(PostId, String)>, StoreError> {
                sqlx::query(
                    "SELECT e.offer_id AS offer_id, e.concept AS concept FROM offer_exclusions e JOIN posts p ON p.id = e.offer_id \
                     WHERE p.community_id = $1 AND p.state IN ('open', 'proposed')",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| Ok((row.try_get("offer_id").map_err(backend)?, row.try_get("concept").map_err(backend)?)))
                .collect()
            }

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

            async fn relay_of_message(&self, platform: Platform, message_id: &str) -> Result<Option<MatchId>, StoreError> {
                let row = sqlx::query("SELECT match_id FROM relay_messages WHERE platform = $1 AND message_id = $2")
                    .bind(platform.as_str())
                    .bind(message_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.map(|row| row.try_get("match_id").map_err(backend)).transpose()
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

            async fn sponsored_by(&self, sponsor: MemberId) -> Result<Vec<Member>, StoreError> {
                sqlx::query(concat!("SELECT ", member_columns!(), " FROM members WHERE sponsor_id = $1 ORDER BY id"))
                    .bind(sponsor)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::member_from)
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

            async fn audit(&self, community: CommunityId, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
                sqlx::query(
                    "SELECT * FROM audit_log WHERE community_id = $1 \
                     AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR target_id = $3) AND ($4 IS NULL OR action = $4) \
                     AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) \
                     ORDER BY at DESC, id DESC LIMIT $7 OFFSET $8",
                )
                .bind(community)
                .bind(query.actor)
                .bind(query.target)
                .bind(query.action.map(|a| a.as_str()))
                .bind(query.since)
                .bind(query.until)
                .bind(i64::from(query.limit))
                .bind(i64::from(query.offset))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::audit_from)
                .collect()
            }

            async fn posts_of(&self, author: MemberId) -> Result<Vec<Post>, StoreError> {
                sqlx::query(concat!("SELECT ", post_columns!(), " FROM posts WHERE author_id = $1 ORDER BY id"))
                    .bind(author)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?
                    .iter()
                    .map(Self::post_from)
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

            async fn announcement(&self, community: CommunityId, id: i64) -> Result<Option<Announcement>, StoreError> {
                let row = sqlx::query("SELECT id, community_id, author_id, text, state, created_at FROM announcements WHERE id = $1 AND community_id = $2")
                    .bind(id)
                    .bind(community)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                let Some(row) = row else { return Ok(None) };
                let state: String = row.try_get("state").map_err(backend)?;
                Ok(Some(Announcement {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    author_id: row.try_get("author_id").map_err(backend)?,
                    text: row.try_get("text").map_err(backend)?,
                    state: parse("announcement state", &state, AnnouncementState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                }))
            }

            async fn announcement_messages(&self, id: i64) -> Result<Vec<(Platform, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message FROM announcement_messages WHERE announcement_id = $1 ORDER BY platform, chat")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter().map(Self::shown_from).collect()
            }

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

            async fn activity(&self, community: CommunityId, since: Timestamp) -> Result<entraide_core::stats::Activity, StoreError> {
                let requests = sqlx::query(concat!(
                    "SELECT ", post_columns!(), " FROM posts WHERE community_id = $1 AND kind = 'request' AND created_at >= $2 ORDER BY id"
                ))
                .bind(community)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::post_from)
                .collect::<Result<Vec<Post>, StoreError>>()?;
                let first_help = sqlx::query(
                    "SELECT m.request_id AS request_id, MIN(m.accepted_at) AS first FROM matches m JOIN posts p ON p.id = m.request_id \
                     WHERE p.community_id = $1 AND p.created_at >= $2 AND m.accepted_at IS NOT NULL GROUP BY m.request_id ORDER BY m.request_id",
                )
                .bind(community)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| Ok((row.try_get("request_id").map_err(backend)?, row.try_get("first").map_err(backend)?)))
                .collect::<Result<Vec<(PostId, Timestamp)>, StoreError>>()?;
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
                let count = |row: &$row, column: &str| -> Result<u64, StoreError> {
                    let n: i64 = row.try_get(column).map_err(backend)?;
                    Ok(u64::try_from(n).unwrap_or_default())
                };
                let asks = sqlx::query(
                    "SELECT p.topic AS topic, p.state AS request_state, m.created_at AS asked_at, m.state AS state, \
                     m.accepted_at AS accepted_at, m.decline_reason AS decline_reason \
                     FROM matches m JOIN posts p ON p.id = m.request_id WHERE p.community_id = $1 AND m.created_at >= $2 ORDER BY m.id",
                )
                .bind(community)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| {
                    let state: String = row.try_get("state").map_err(backend)?;
                    let request_state: String = row.try_get("request_state").map_err(backend)?;
                    let reason: Option<String> = row.try_get("decline_reason").map_err(backend)?;
                    let accepted_at: Option<Timestamp> = row.try_get("accepted_at").map_err(backend)?;
                    Ok(entraide_core::stats::Ask {
                        topic: row.try_get("topic").map_err(backend)?,
                        asked_at: row.try_get("asked_at").map_err(backend)?,
                        state: parse("match state", &state, MatchState::parse)?,
                        accepted: accepted_at.is_some(),
                        reason: reason.map(|reason| parse("decline reason", &reason, DeclineReason::parse)).transpose()?,
                        request_open: parse("state", &request_state, PostState::parse)?.is_open(),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                Ok(entraide_core::stats::Activity {
                    asks,
                    requests,
                    first_help,
                    active_members: count(&active, "n")?,
                    invitations_sent: count(&invitations, "sent")?,
                    invitations_accepted: count(&invitations, "accepted")?,
                })
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

            async fn due_messages(&self, platform: Platform, now: Timestamp, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
                sqlx::query(
                    "SELECT id, key, platform, recipient, body, not_before, attempts, last_error FROM outbox o \
                     WHERE platform = $1 AND outcome IS NULL AND not_before <= $2 \
                     AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.platform = o.platform AND w.recipient = o.recipient \
                         AND w.outcome IS NULL AND w.attempts > 0 AND w.not_before > $2 AND w.id < o.id) \
                     ORDER BY id LIMIT $3",
                )
                .bind(platform.as_str())
                .bind(now)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::outbox_from)
                .collect()
            }

            async fn mark_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                // What was sent is not kept: the row stays, for its key, with an empty body.
                sqlx::query(
                    "UPDATE outbox SET outcome = 'sent', sent_at = $1, claimed_by = NULL, claimed_until = NULL, \
                     body = '{\"type\":\"text\",\"text\":\"\"}' WHERE id = $2 AND outcome IS NULL",
                )
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn mark_failed(&self, id: i64, retry_at: Timestamp, error: &str, park: bool) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, not_before = $1, last_error = $2, claimed_by = NULL, \
                     claimed_until = NULL, outcome = $3 WHERE id = $4 AND outcome IS NULL",
                )
                .bind(retry_at)
                .bind(error)
                .bind(park.then_some("parked"))
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn claim_due(
                &self,
                platform: Platform,
                worker: &str,
                now: Timestamp,
                lease_until: Timestamp,
                limit: u32,
            ) -> Result<Vec<OutboxMessage>, StoreError> {
                let _writer = self.write_guard().await;
                let rows = sqlx::query($claim)
                    .bind(worker)
                    .bind(lease_until)
                    .bind(platform.as_str())
                    .bind(now)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                // RETURNING has no order: urgent first, then oldest.
                let mut claimed = rows
                    .iter()
                    .map(|row| Ok((row.try_get::<i64, _>("priority").map_err(backend)?, Self::outbox_from(row)?)))
                    .collect::<Result<Vec<(i64, OutboxMessage)>, StoreError>>()?;
                claimed.sort_by_key(|(priority, message)| (-priority, message.id));
                Ok(claimed.into_iter().map(|(_, message)| message).collect())
            }

            async fn release(&self, id: i64, worker: &str, not_before: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                sqlx::query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, not_before = $1 WHERE id = $2 AND outcome IS NULL AND claimed_by = $3")
                    .bind(not_before)
                    .bind(id)
                    .bind(worker)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn outbox_backlog(&self, now: Timestamp) -> Result<Vec<Backlog>, StoreError> {
                // Not those waiting behind an earlier message that is itself waiting (for an
                // unreachable person, a retry): they are held, not late.
                let due = sqlx::query(
                    "SELECT o.platform, COUNT(*) AS n, MIN(o.queued_for) AS oldest FROM outbox o \
                     WHERE o.outcome IS NULL AND o.not_before <= $1 \
                     AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.platform = o.platform AND e.recipient = o.recipient \
                         AND e.action = o.action AND e.outcome IS NULL AND e.id < o.id AND e.queued_for <= o.queued_for \
                         AND e.not_before > $1) \
                     GROUP BY o.platform",
                )
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let parked = sqlx::query("SELECT platform, COUNT(*) AS n FROM outbox WHERE outcome = 'parked' GROUP BY platform")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                let mut backlog: std::collections::BTreeMap<String, Backlog> = std::collections::BTreeMap::new();
                for (row, is_parked) in due.iter().map(|row| (row, false)).chain(parked.iter().map(|row| (row, true))) {
                    let name: String = row.try_get("platform").map_err(backend)?;
                    let count = u64::try_from(row.try_get::<i64, _>("n").map_err(backend)?).unwrap_or_default();
                    let platform = parse("platform", &name, Platform::parse)?;
                    let entry = backlog.entry(name).or_insert(Backlog { platform, due: 0, oldest_due: None, parked: 0 });
                    if is_parked {
                        entry.parked = count;
                    } else {
                        entry.due = count;
                        entry.oldest_due = row.try_get("oldest").map_err(backend)?;
                    }
                }
                Ok(backlog.into_values().collect())
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

            async fn parked_messages(&self, community: CommunityId, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
                sqlx::query(concat!(
                    "SELECT id, key, platform, recipient, body, not_before, attempts, last_error FROM outbox \
                     WHERE outcome = 'parked' AND ", of_community!("$1"), " ORDER BY id DESC LIMIT $2"
                ))
                .bind(community)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(Self::outbox_from)
                .collect()
            }

            async fn retry_parked(&self, community: CommunityId, id: i64, now: Timestamp) -> Result<bool, StoreError> {
                let _writer = self.write_guard().await;
                let done = sqlx::query(concat!(
                    "UPDATE outbox SET outcome = NULL, attempts = 0, not_before = $1, claimed_by = NULL, claimed_until = NULL \
                     WHERE id = $2 AND outcome = 'parked' AND ", of_community!("$3")
                ))
                .bind(now)
                .bind(id)
                .bind(community)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() > 0)
            }

            async fn mark_unreachable(&self, id: i64, account: &AccountRef, at: Timestamp, retry_at: Timestamp) -> Result<(), StoreError> {
                let _writer = self.write_guard().await;
                let mut tx = self.pool.begin().await.map_err(backend)?;
                sqlx::query(
                    "INSERT INTO unreachable_accounts (platform, user_id, since) VALUES ($1, $2, $3) ON CONFLICT (platform, user_id) DO NOTHING",
                )
                .bind(account.platform.as_str())
                .bind(&account.user_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, not_before = $1 WHERE id = $2 AND outcome IS NULL")
                    .bind(retry_at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                tx.commit().await.map_err(backend)
            }

            async fn unreachable_since(&self, account: &AccountRef) -> Result<Option<Timestamp>, StoreError> {
                let row = sqlx::query("SELECT since FROM unreachable_accounts WHERE platform = $1 AND user_id = $2")
                    .bind(account.platform.as_str())
                    .bind(&account.user_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
                row.map(|row| row.try_get("since").map_err(backend)).transpose()
            }

            async fn unreachable_members(&self, community: CommunityId) -> Result<Vec<(MemberId, Platform, Timestamp)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT a.member_id AS member_id, u.platform AS platform, u.since AS since FROM unreachable_accounts u \
                     JOIN accounts a ON a.platform = u.platform AND a.user_id = u.user_id \
                     WHERE a.community_id = $1 ORDER BY u.since, a.member_id, u.platform",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        let platform = Platform::parse(&platform).ok_or_else(|| corrupt("platform", &platform))?;
                        Ok((row.try_get("member_id").map_err(backend)?, platform, row.try_get("since").map_err(backend)?))
                    })
                    .collect()
            }

            async fn dead_links(&self, community: CommunityId, now: Timestamp) -> Result<Vec<(InvitationId, Platform, String)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT l.invitation_id AS invitation_id, l.platform AS platform, l.link AS link FROM invitation_links l \
                     JOIN invitations i ON i.id = l.invitation_id WHERE i.community_id = $1 \
                     AND (i.expires_at <= $2 OR i.used_by IS NOT NULL OR i.revoked_at IS NOT NULL) \
                     AND l.retired_at IS NULL ORDER BY l.invitation_id, l.platform",
                )
                .bind(community)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let platform: String = row.try_get("platform").map_err(backend)?;
                        Ok((
                            row.try_get("invitation_id").map_err(backend)?,
                            parse("platform", &platform, Platform::parse)?,
                            row.try_get("link").map_err(backend)?,
                        ))
                    })
                    .collect()
            }

            async fn post_sources(&self, post: PostId) -> Result<Vec<(Platform, String, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message, author FROM post_sources WHERE post_id = $1 ORDER BY platform, chat, message")
                    .bind(post)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter()
                    .map(|row| {
                        let (platform, chat, message) = Self::shown_from(row)?;
                        Ok((platform, chat, message, row.try_get("author").map_err(backend)?))
                    })
                    .collect()
            }

            async fn post_messages(&self, post: PostId) -> Result<Vec<(Platform, String, String)>, StoreError> {
                let rows = sqlx::query("SELECT platform, chat, message FROM post_messages WHERE post_id = $1 ORDER BY platform, chat, message")
                    .bind(post)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)?;
                rows.iter().map(Self::shown_from).collect()
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

            async fn pending_count(&self) -> Result<u64, StoreError> {
                let row = sqlx::query("SELECT COUNT(*) AS pending FROM outbox WHERE outcome IS NULL")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)?;
                let pending: i64 = row.try_get("pending").map_err(backend)?;
                Ok(u64::try_from(pending).unwrap_or_default())
            }
        }
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
