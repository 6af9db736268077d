//! The store conformance suite of `entraide-core`, on SQLite and on PostgreSQL for real.

use crate::support;

/// The conformance suite, one test per check, each on a new SQLite file.
mod sqlite_conforms {
    async fn fresh() -> (crate::support::ScratchDb, std::sync::Arc<dyn entraide_core::ports::Store>) {
        let db = crate::support::sqlite();
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        (db, store)
    }

    entraide_core::conformance_tests!(fresh);
}

/// The conformance suite, one test per check, each on a new PostgreSQL database.
mod postgres_conforms {
    async fn fresh() -> (crate::support::ScratchDb, std::sync::Arc<dyn entraide_core::ports::Store>) {
        let db = crate::support::postgres().await;
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        (db, store)
    }

    entraide_core::conformance_tests!(fresh);
}

/// All the checks in a row on one store, as a long-lived database sees them.
#[tokio::test]
async fn the_checks_hold_together_on_one_postgres_database() {
    let db = support::postgres().await;
    let store = entraide_store_sql::open(&db.url).await.unwrap();
    entraide_core::conformance::run(store.as_ref()).await;
}

#[tokio::test]
async fn reopening_a_sqlite_file_keeps_everything_and_migrates_once() {
    let db = support::sqlite();
    {
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        store.ensure_community("kept", "Kept").await.unwrap();
        store.allocate_id(entraide_core::ports::IdKind::Post).await.unwrap();
    }
    let store = entraide_store_sql::open(&db.url).await.unwrap();
    let community = store.ensure_community("kept", "ignored").await.unwrap();
    assert_eq!(community.name, "Kept");
    assert_eq!(store.allocate_id(entraide_core::ports::IdKind::Post).await.unwrap(), 2);
}

/// A process killed while sending held a claim on a message; the next process on the SQLite
/// file, which it holds alone, sends that message at once rather than after the claim's lease
/// (two minutes), and with it everything queued behind it for that person.
#[tokio::test]
async fn a_new_process_on_a_sqlite_file_takes_back_a_dead_ones_claims() {
    use entraide_core::model::{AccountRef, Outgoing, OutgoingBody, Platform};
    use entraide_core::ports::Change;
    let db = support::sqlite();
    let message = |key: &str| {
        Change::Enqueue(Outgoing {
            key: key.into(),
            to: AccountRef::new(Platform::Telegram, "42"),
            body: OutgoingBody::Text { text: key.into() },
            not_before: 0,
        })
    };
    {
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        store.apply(vec![message("first"), message("second")]).await.unwrap();
        let claimed = store.claim_due(Platform::Telegram, "killed", 100, 220, 10).await.unwrap();
        assert_eq!(claimed.len(), 1, "the oldest of the person's messages");
        // While this process holds the file, its claim stands.
        let again = entraide_store_sql::open(&db.url).await.unwrap();
        assert!(again.claim_due(Platform::Telegram, "other", 101, 221, 10).await.unwrap().is_empty());
    }
    let store = entraide_store_sql::open(&db.url).await.unwrap();
    let claimed = store.claim_due(Platform::Telegram, "next", 101, 221, 10).await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.message.key.as_str()).collect::<Vec<_>>(), vec!["first"]);
}

#[tokio::test]
async fn two_processes_cannot_redeem_one_code_on_postgres() {
    use entraide_core::model::Invitation;
    use entraide_core::ports::{Change, IdKind, StoreError};
    let db = support::postgres().await;
    // Two pools stand for two bot processes sharing the database.
    let first = entraide_store_sql::open(&db.url).await.unwrap();
    let second = entraide_store_sql::open(&db.url).await.unwrap();
    let community = first.ensure_community("race", "Race").await.unwrap().id;
    let member = |id| active_member(id, community);
    let sponsor = first.allocate_id(IdKind::Member).await.unwrap();
    first.apply(vec![Change::InsertMember(member(sponsor))]).await.unwrap();
    let id = first.allocate_id(IdKind::Invitation).await.unwrap();
    first
        .apply(vec![Change::InsertInvitation(Invitation {
            id,
            community_id: community,
            code: "RACE-0000-0000-0000".into(),
            sponsor_id: sponsor,
            created_at: 0,
            expires_at: 100,
            used_by: None,
            used_at: None,
            revoked_at: None,
            note: None,
        })])
        .await
        .unwrap();
    let a = second.allocate_id(IdKind::Member).await.unwrap();
    let b = first.allocate_id(IdKind::Member).await.unwrap();
    let redeem = |store: std::sync::Arc<dyn entraide_core::ports::Store>, who: i64| async move {
        store.apply(vec![Change::InsertMember(member(who)), Change::RedeemInvitation { id, by: who, at: 1 }]).await
    };
    let (ra, rb) = tokio::join!(redeem(first.clone(), a), redeem(second.clone(), b));
    let wins = [&ra, &rb].iter().filter(|r| r.is_ok()).count();
    assert_eq!(wins, 1, "{ra:?} {rb:?}");
    assert!([ra, rb].into_iter().any(|r| matches!(r, Err(StoreError::Conflict(_)))));
    let loser = if first.member(a).await.unwrap().is_some() { b } else { a };
    assert_eq!(first.member(loser).await.unwrap(), None, "the loser's member row was rolled back");
}

/// A NUL byte in a post (PostgreSQL refuses it in text, SQLite keeps it) is cleaned before
/// the store: both backends answer the same and store the same text.
async fn control_characters_never_reach_the_store(url: &str) {
    let (app, _clock) = crate::moderation::community(url, &[]).await;
    let reply = support::as_(&app.service, "alice", "/offre une perceuse\0 à prêter\u{1b}").await;
    let id = support::number_after(&reply, "n°").unwrap_or_else(|| panic!("recorded: {reply}"));
    let post = app.store.post(id).await.unwrap().unwrap();
    assert_eq!(post.text, "une perceuse à prêter");
}

#[tokio::test]
async fn control_characters_never_reach_the_sqlite_store() {
    control_characters_never_reach_the_store(&support::sqlite().url).await;
}

#[tokio::test]
async fn control_characters_never_reach_the_postgres_store() {
    control_characters_never_reach_the_store(&support::postgres().await.url).await;
}

/// A PostgreSQL server that refuses connections is reported at once with its real cause, not
/// after ten seconds as "pool timed out".
#[tokio::test]
async fn an_unreachable_postgres_server_is_reported_at_once() {
    let started = std::time::Instant::now();
    let opened = entraide_store_sql::open("postgres://entraide:s3cret@127.0.0.1:1/entraide").await;
    let error = opened.err().expect("nothing listens on port 1").to_string();
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(error.contains("refused") && !error.contains("timed out"), "{error}");
    assert!(!error.contains("s3cret"), "{error}");
}

/// Two processes racing for a free lease on one PostgreSQL database: one gets it, the other
/// is told it is held, every time (the lease's row is the arbiter).
#[tokio::test]
async fn two_processes_racing_for_a_lease_never_both_get_it() {
    let db = support::postgres().await;
    let first = entraide_store_sql::open(&db.url).await.unwrap();
    let second = entraide_store_sql::open(&db.url).await.unwrap();
    for round in 0..20 {
        let name = format!("race-{round}");
        let (a, b) = tokio::join!(first.take_lease(&name, "a", 100, 112), second.take_lease(&name, "b", 100, 112));
        let winners = [a.unwrap(), b.unwrap()].into_iter().flatten().count();
        assert_eq!(winners, 1, "round {round}: exactly one holder");
    }
}

/// Asks add to daily counts shared by every process (0027): two PostgreSQL transactions that
/// each ask about two topics, in opposite orders, wait on each other, and PostgreSQL rolls one
/// back. When that one is the bot's, it runs again and loses nothing.
#[tokio::test]
async fn a_transaction_ended_by_a_deadlock_on_postgres_runs_again() {
    use entraide_core::model::{Category, Match, MatchState, Place, Post, PostKind, PostState, Reason};
    use entraide_core::ports::{Change, IdKind};
    use sqlx::Connection;
    let db = support::postgres().await;
    let store = entraide_store_sql::open(&db.url).await.unwrap();
    let community = store.ensure_community("deadlock", "Deadlock").await.unwrap().id;
    let member = active_member(store.allocate_id(IdKind::Member).await.unwrap(), community);
    let post = |id, kind, topic: &str| Post {
        id,
        community_id: community,
        author_id: member.id,
        kind,
        category: Category::Lend,
        topic: topic.into(),
        text: "…".into(),
        place: Place::Online,
        state: PostState::Open,
        created_at: 86_400,
        updated_at: 86_400,
        on_behalf_of: None,
    };
    let (tools, pets, offer) = (
        store.allocate_id(IdKind::Post).await.unwrap(),
        store.allocate_id(IdKind::Post).await.unwrap(),
        store.allocate_id(IdKind::Post).await.unwrap(),
    );
    let ask = |id, request| Match {
        id,
        request_id: request,
        offer_id: offer,
        requester_id: member.id,
        helper_id: member.id,
        score: 0.5,
        reasons: vec![Reason::Online],
        state: MatchState::Asked,
        created_at: 86_400,
        updated_at: 86_400,
        accepted_at: None,
        relay_closed_at: None,
        decline_reason: None,
    };
    let first = (store.allocate_id(IdKind::Match).await.unwrap(), store.allocate_id(IdKind::Match).await.unwrap());
    store
        .apply(vec![
            Change::InsertMember(member.clone()),
            Change::InsertPost(post(tools, PostKind::Request, "tools")),
            Change::InsertPost(post(pets, PostKind::Request, "pets")),
            Change::InsertPost(post(offer, PostKind::Offer, "tools")),
            Change::InsertMatch(ask(first.0, tools)),
            Change::InsertMatch(ask(first.1, pets)),
        ])
        .await
        .unwrap();
    // Another process holds the pets' count of the day…
    let mut other = sqlx::PgConnection::connect(&db.url).await.unwrap();
    // Never waits forever, should no deadlock form (far above PostgreSQL's one second).
    sqlx::query("SET lock_timeout = '30s'").execute(&mut other).await.unwrap();
    let mut held = other.begin().await.unwrap();
    let count = "UPDATE ask_days SET asks = asks WHERE community_id = $1 AND topic = $2";
    let locked = sqlx::query(count).bind(community).bind("pets").execute(&mut *held).await.unwrap();
    assert_eq!(locked.rows_affected(), 1, "the pets' count of the day exists and is held");
    // … while the bot asks about tools (that count is now the bot's), then pets: it waits.
    let second = (store.allocate_id(IdKind::Match).await.unwrap(), store.allocate_id(IdKind::Match).await.unwrap());
    let asking = {
        let store = store.clone();
        let changes = vec![Change::InsertMatch(ask(second.0, tools)), Change::InsertMatch(ask(second.1, pets))];
        tokio::spawn(async move { store.apply(changes).await })
    };
    let admin = sqlx::PgPool::connect(&db.url).await.unwrap();
    let waiting =
        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    for tried in 0.. {
        if sqlx::query_scalar::<_, i64>(waiting).fetch_one(&admin).await.unwrap() > 0 {
            break;
        }
        assert!(!asking.is_finished() && tried < 1_500, "the bot should wait on the pets' count");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The other process then wants the tools' count: each waits on the other. The bot waited
    // first, so its server process finds the deadlock first (after a second) and rolls its
    // transaction back. (On a machine so slow that the other one is found first, that one is
    // rolled back instead and the bot's first run goes through: the test still holds.)
    if sqlx::query(count).bind(community).bind("tools").execute(&mut *held).await.is_ok() {
        held.commit().await.unwrap();
    }
    asking.await.unwrap().expect("the bot's asks are written on the second run");
    for id in [second.0, second.1] {
        assert!(store.match_by_id(id).await.unwrap().is_some(), "ask {id} written");
    }
    let asks = store.activity(community, 0, 10 * 86_400).await.unwrap().asks;
    assert_eq!(asks.iter().map(|ask| ask.count).sum::<u64>(), 4, "each ask counted once: {asks:?}");
}

/// An active member named after their id, for the tests that write through the store.
fn active_member(id: i64, community: i64) -> entraide_core::model::Member {
    use entraide_core::model::{Lang, Member};
    Member::newcomer(id, community, format!("m{id}"), Lang::Fr, None, 0)
}
