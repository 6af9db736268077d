//! A database made before the national-scale migrations (#25) gets, when it is upgraded,
//! the counts the store keeps from then on: each member's number of people below them in
//! the sponsor tree (0023), each request's first yes (0025), the asks of each day (0027).
//! Checked on SQLite, through the store, against a database written by the migrations up to
//! 0022 only.

use std::path::Path;

/// Writes the migrations up to `last` into `dir`, to run them alone.
fn migrations_up_to(last: u32, dir: &Path) {
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/sqlite");
    for entry in std::fs::read_dir(all).expect("the migrations").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let number: u32 = name.split('_').next().and_then(|n| n.parse().ok()).expect("a numbered migration");
        if number <= last {
            std::fs::copy(entry.path(), dir.join(&name)).expect("a copy");
        }
    }
}

#[tokio::test]
async fn an_upgraded_database_counts_what_it_held_before() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let old = scratch.path().join("old");
    std::fs::create_dir(&old).expect("a folder");
    migrations_up_to(22, &old);
    let file = scratch.path().join("upgrade.db");
    let url = format!("sqlite:{}", file.display());
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&file).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.expect("SQLite");
    sqlx::migrate::Migrator::new(old.as_path()).await.expect("migrations").run(&pool).await.expect("up to 0022");
    // founder → a → (b → d, c); a request asked twice, yes after 90 s and after 30 s.
    let statements = [
        "INSERT INTO communities (id, slug, name) VALUES (1, 'old', 'Old')",
        "INSERT INTO members (id, community_id, display_name, name_key, lang, role, status, sponsor_id, joined_at) VALUES \
         (1, 1, 'founder', 'founder', 'fr', 'admin', 'active', NULL, 0), (2, 1, 'a', 'a', 'fr', 'member', 'active', 1, 1), \
         (3, 1, 'b', 'b', 'fr', 'member', 'active', 2, 2), (4, 1, 'c', 'c', 'fr', 'member', 'active', 2, 3), \
         (5, 1, 'd', 'd', 'fr', 'member', 'active', 3, 4)",
        "INSERT INTO posts (id, community_id, author_id, kind, category, text, place_kind, place, state, created_at, updated_at) VALUES \
         (10, 1, 2, 'request', 'lend', 'une perceuse', 'local', 'Lyon', 'done', 1000, 1000), \
         (11, 1, 3, 'offer', 'lend', 'je prête ma perceuse', 'local', 'Lyon', 'open', 900, 900)",
        "INSERT INTO matches (id, request_id, offer_id, requester_id, helper_id, score, reasons, state, created_at, updated_at, accepted_at) VALUES \
         (20, 10, 11, 2, 3, 0.5, '[]', 'confirmed', 1001, 1090, 1090), (21, 10, 11, 2, 4, 0.5, '[]', 'declined', 1001, 1030, 1030)",
    ];
    for statement in statements {
        sqlx::query(statement).execute(&pool).await.unwrap_or_else(|error| panic!("{statement}: {error}"));
    }
    pool.close().await;

    let store = entraide_store_sql::open(&url).await.expect("the store upgrades the database");
    assert_eq!(store.sponsored(1).await.expect("read"), vec![(2, 3)]);
    assert_eq!(store.sponsored(2).await.expect("read"), vec![(3, 1), (4, 0)]);
    assert_eq!(
        store.activity(1, 0, 2_000).await.expect("read").median_first_help,
        Some(30),
        "the first yes, after 30 s"
    );
    // Ten days on, the day of both asks is settled: read from its counts, not the asks.
    let asks = store.activity(1, 0, 10 * 86_400).await.expect("read").asks;
    assert_eq!(
        asks.iter().map(|ask| (ask.week, ask.accepted, ask.reason, ask.waiting, ask.count)).collect::<Vec<_>>(),
        vec![(0, true, None, false, 2)],
        "both said yes"
    );
}
