//! Posts' analyses kept between starts (migration 0026) quote the posts' words: the rows
//! themselves go, not only out of sight, when a post closes or its text or place changes. And
//! a national board's analyses are written in batches, all of them. Checked on SQLite, in the
//! table itself.

use entraide_core::ports::Change;

#[tokio::test]
async fn an_analysis_goes_with_its_post_and_a_board_is_kept_whole() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let file = scratch.path().join("kept.db");
    let url = format!("sqlite:{}", file.display());
    let store = entraide_store_sql::open(&url).await.expect("the store");
    let pool = sqlx::SqlitePool::connect(&url).await.expect("SQLite");
    let statements = [
        "INSERT INTO communities (id, slug, name) VALUES (1, 'kept', 'Kept')",
        "INSERT INTO members (id, community_id, display_name, name_key, lang, role, status, sponsor_id, joined_at) \
         VALUES (1, 1, 'a', 'a', 'fr', 'member', 'active', NULL, 0)",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700) \
         INSERT INTO posts (id, community_id, author_id, kind, category, text, place_kind, place, state, created_at, updated_at) \
         SELECT i, 1, 1, 'offer', 'lend', 'je prête ma perceuse', 'local', 'Lyon', CASE WHEN i = 700 THEN 'closed' ELSE 'open' END, 0, 0 FROM n",
    ];
    for statement in statements {
        sqlx::query(statement).execute(&pool).await.unwrap_or_else(|error| panic!("{statement}: {error}"));
    }
    let analyses = (1..=700).map(|id| (id, format!("post {id}").into_bytes())).collect();
    store.apply(vec![Change::KeepAnalyses { fingerprint: "f".into(), analyses }]).await.expect("kept");
    let count = || async {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM post_analyses").fetch_one(&pool).await.expect("a count");
        count
    };
    assert_eq!(count().await, 699, "every open post's, in batches; none for a closed post");
    let kept = store.kept_analyses(1, entraide_core::model::PostKind::Offer, "f").await.expect("read");
    assert_eq!(kept.len(), 699);
    assert!(kept.contains(&(42, b"post 42".to_vec())));
    for (statement, left) in [
        ("UPDATE posts SET updated_at = 5 WHERE id = 1", 699),
        ("UPDATE posts SET state = 'proposed' WHERE id = 1", 699),
        ("UPDATE posts SET state = 'closed' WHERE id = 1", 698),
        ("UPDATE posts SET text = '' WHERE id = 2", 697),
        ("UPDATE posts SET place = 'Lyon 3e' WHERE id = 3", 696),
        ("UPDATE posts SET place_kind = 'online', place = NULL WHERE id = 4", 695),
        ("DELETE FROM posts WHERE id = 5", 694),
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap_or_else(|error| panic!("{statement}: {error}"));
        assert_eq!(count().await, left, "after {statement}");
    }
}
