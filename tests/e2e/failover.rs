//! The fail-over harness: three `entraide run` processes share one PostgreSQL database and one
//! Telegram bot (the fake Bot API, which ends a long poll with 409 when another comes, as
//! Telegram does). Two thousand updates are played (offers, requests, commands, joins, bans
//! by hand) while the process holding the Telegram connection is killed with SIGKILL at
//! random moments, again and again, and once frozen with SIGSTOP past its lease, then woken.
//!
//! At the end: every update handled once, every post written once, every message the bot
//! had to send sent (twice at most once per kill: the one in flight), at most one 409 per
//! fail-over, and the frozen holder never polled again once woken. The fail-over time (holder
//! killed → the first update handled by the process that took over) is printed: median and
//! maximum, with the default lease.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use entraide_core::model::{Account, AccountRef, Lang, Member, Platform};
use entraide_core::ports::{Change, IdKind, Store};
use serde_json::Value;
use sqlx::Row;
use tokio::process::{Child, Command};

use crate::fake_telegram::{FakeTelegram, banned_by, joined, message};
use crate::support;

const BIN: &str = env!("CARGO_BIN_EXE_entraide");
const TOKEN: &str = "123456:FAKE-TOKEN";
const GROUP: i64 = -1_001_234;
/// The moderator who bans by hand in the group (a founder, on Telegram).
const MODERATOR: i64 = 999;
/// Members write from these Telegram ids on.
const FIRST_MEMBER: i64 = 1_001;
const MEMBERS: i64 = 25;
const EVENTS: i64 = 2_000;
const KILLS: usize = 12;

/// A small xorshift generator: random kill times without a dependency; the seed is printed.
struct Random(u64);

impl Random {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// One `entraide run`, calling the fake under its own path so that the fake says who polled.
struct Process {
    child: Child,
    caller: String,
    pid: u32,
}

/// The update `id`: what a member (or the moderator, or a stranger) does.
fn update(id: i64) -> Value {
    let member = FIRST_MEMBER + id % MEMBERS;
    match id % 20 {
        0 => banned_by(id, (MODERATOR, "Modo"), (50_000 + id, "Intrus"), GROUP, true),
        10 => joined(id, 60_000 + id, "Passant", GROUP, None),
        1..=3 => message(id, member, "Membre", member, &format!("/offre je prête une perceuse, lot {id}")),
        4..=6 => message(id, member, "Membre", member, &format!("/besoin une perceuse pour le lot {id}")),
        _ => message(id, member, "Membre", member, "/mes"),
    }
}

fn is_post(id: i64) -> bool {
    (1..=6).contains(&(id % 20))
}

/// The example configuration on this database and fake, as process `n` sees it.
fn config_text(db: &str, fake: &FakeTelegram, n: usize) -> String {
    entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"{db}\""))
        .replace("{ account = \"console:alice\", name = \"alice\" }", "{ account = \"telegram:999\", name = \"Modo\" }")
        .replacen("groups = []", &format!("groups = [{GROUP}]"), 1)
        .replacen("api_url = \"\"", &format!("api_url = \"{}p{n}\"", fake.url), 1)
        // What a killed process was sending comes back after 10 s rather than 2 minutes.
        .replace("lease_seconds = 120", "lease_seconds = 10")
}

fn spawn(dir: &Path, db: &str, fake: &FakeTelegram, n: usize) -> Process {
    let config = dir.join(format!("p{n}.toml"));
    std::fs::write(&config, config_text(db, fake, n)).unwrap();
    let log = std::fs::File::create(dir.join(format!("p{n}.log"))).unwrap();
    let child = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("run")
        .env("ENTRAIDE_TELEGRAM_TOKEN", TOKEN)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    Process { child, caller: format!("p{n}"), pid }
}

fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill").args([&format!("-{name}"), &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}

/// The process id of the Telegram connection's holder now, if one holds it.
async fn holder(store: &dyn Store) -> Option<u32> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let lease = store.leases().await.unwrap().into_iter().find(|lease| lease.name == "telegram")?;
    // Holders are named HOST:PID:RANDOM.
    (lease.until > now).then(|| lease.holder.rsplit(':').nth(1)?.parse().ok()).flatten()
}

async fn until_true(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The members the updates come from, written before any process starts.
async fn seed(db: &str, fake: &FakeTelegram) {
    let config = entraide::config::Config::parse(&config_text(db, fake, 0), Path::new("seed")).unwrap();
    let (app, _) = support::app_with(config).await;
    let community = app.service.community().id;
    for k in 0..MEMBERS {
        let user = (FIRST_MEMBER + k).to_string();
        let id = app.store.allocate_id(IdKind::Member).await.unwrap();
        let now = app.clock.now();
        let member = Member {
            place: Some("Lyon".into()),
            ..Member::newcomer(id, community, format!("m{k}"), Lang::Fr, None, now)
        };
        let account = AccountRef::new(Platform::Telegram, user);
        let link =
            Account { account, member_id: id, community_id: community, display_name: format!("m{k}"), linked_at: now };
        app.store.apply(vec![Change::InsertMember(member), Change::LinkAccount(link)]).await.unwrap();
    }
    app.store.close().await;
}

/// How many messages (not actions) the bot sent to each chat, by the outbox (which keeps each
/// sent row for its key, without its text); none left unsent or parked.
async fn messages_sent(db: &str) -> HashMap<i64, usize> {
    let pool = sqlx::PgPool::connect(db).await.unwrap();
    let rows = sqlx::query("SELECT recipient, outcome FROM outbox WHERE platform = 'telegram' AND action = 0")
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut sent = HashMap::new();
    for row in rows {
        let outcome: Option<String> = row.get("outcome");
        assert!(matches!(outcome.as_deref(), Some("sent" | "cancelled")), "a message left {outcome:?}");
        if outcome.as_deref() == Some("sent") {
            let recipient: String = row.get("recipient");
            *sent.entry(recipient.parse().unwrap()).or_insert(0) += 1;
        }
    }
    pool.close().await;
    sent
}

#[tokio::test]
async fn three_processes_fail_over_under_kills_on_postgres() {
    let db = support::postgres().await;
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    seed(&db.url, &fake).await;
    let store: Arc<dyn Store> = entraide_store_sql::open(&db.url).await.unwrap();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("fail-over harness seed {seed}");
    let mut random = Random(seed);

    let mut spawned = 0;
    let mut processes: Vec<Process> = Vec::new();
    for _ in 0..3 {
        spawned += 1;
        processes.push(spawn(dir.path(), &db.url, &fake, spawned));
    }
    let mut next = 1;
    let seen = async |id: i64| store.event_seen(Platform::Telegram, &id.to_string()).await.unwrap();
    let rounds = KILLS + 1;
    let batch = (EVENTS - 2 * rounds as i64) / rounds as i64;
    let mut fail_overs = Vec::new();
    let mut frozen_poller = None;
    for round in 0..rounds {
        for _ in 0..batch {
            fake.push(update(next));
            next += 1;
        }
        tokio::time::sleep(Duration::from_millis(300 + random.next(2_200))).await;
        let mut pid = None;
        until_true("a holder", Duration::from_secs(30), async || {
            pid = holder(store.as_ref()).await;
            pid.is_some()
        })
        .await;
        let pid = pid.unwrap();
        let at = processes.iter().position(|process| process.pid == pid).expect("the holder is one of ours");
        let freeze = round == rounds - 1;
        if freeze {
            // Updates waiting for the holder as it freezes: the answer to its poll is in hand
            // when it wakes, and must not be handled then.
            for _ in 0..5 {
                fake.push(update(next));
                next += 1;
            }
        }
        let stopped_at = Instant::now();
        if freeze {
            signal(pid, "STOP");
        } else {
            let mut victim = processes.remove(at);
            victim.child.kill().await.unwrap();
            spawned += 1;
            processes.push(spawn(dir.path(), &db.url, &fake, spawned));
        }
        // The offset once the victim can write no more (a commit it had sent lands within
        // moments), and something left to handle whatever it had done: the fail-over is done
        // when the offset moves again, which only another process can do.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let offset = async || store.cursor(entraide_telegram::OFFSET).await.unwrap();
        let left_at = offset().await;
        let witness = next;
        fake.push(update(witness));
        next += 1;
        until_true("an update handled by another process", Duration::from_secs(60), async || offset().await != left_at)
            .await;
        fail_overs.push(stopped_at.elapsed());
        assert!(holder(store.as_ref()).await.is_some_and(|now| now != pid), "handled by another holder");
        until_true("the witness handled", Duration::from_secs(60), async || seen(witness).await).await;
        if freeze {
            tokio::time::sleep(Duration::from_secs(2)).await;
            signal(pid, "CONT");
            frozen_poller = Some((processes[at].caller.clone(), Instant::now()));
        }
    }
    // The rest, then everything handled and sent.
    while next <= EVENTS {
        fake.push(update(next));
        next += 1;
    }
    until_true("every update handled", Duration::from_secs(180), async || seen(EVENTS).await).await;
    until_true("the outbox delivered", Duration::from_secs(240), async || {
        store.due_messages(Platform::Telegram, i64::MAX, 1).await.unwrap().is_empty()
    })
    .await;

    // Woken, the frozen holder stepped down: it never polled again.
    let (frozen, woken) = frozen_poller.unwrap();
    let polled_after: Vec<_> = fake.polls_by(&frozen).into_iter().filter(|at| *at >= woken).collect();
    assert!(polled_after.is_empty(), "the frozen holder polled {} times once woken", polled_after.len());

    let mut logs = String::new();
    for process in processes {
        let status = support::terminate(process.child).await.status;
        assert!(status.success(), "a clean stop: {status}");
    }
    for n in 1..=spawned {
        logs.push_str(&std::fs::read_to_string(dir.path().join(format!("p{n}.log"))).unwrap());
    }
    // At the default level (warnings), the logs say each take-over and why.
    let taken_over = logs.lines().filter(|line| line.contains("stopped renewing it")).count();
    assert!(taken_over >= KILLS, "{taken_over} take-overs logged for {KILLS} kills");

    // Every update handled, every post written once.
    for id in 1..=EVENTS {
        assert!(seen(id).await, "update {id} lost");
    }
    let community = store.ensure_community("entraide", "Réseau d'entraide").await.unwrap().id;
    let mut posts = 0;
    for k in 0..MEMBERS {
        let account = AccountRef::new(Platform::Telegram, (FIRST_MEMBER + k).to_string());
        let member = store.account(community, &account).await.unwrap().unwrap().member_id;
        posts += store.posts_of(member).await.unwrap().len();
    }
    assert_eq!(posts, (1..=EVENTS).filter(|id| is_post(*id)).count(), "each post once");

    // Every message sent; twice at most once per kill (the one in flight).
    let expected = messages_sent(&db.url).await;
    let mut delivered: HashMap<i64, usize> = HashMap::new();
    for method in ["sendmessage", "sendphoto", "senddocument"] {
        for call in fake.calls(method) {
            *delivered.entry(call["chat_id"].as_i64().unwrap()).or_insert(0) += 1;
        }
    }
    let mut duplicates = 0;
    for (chat, count) in &expected {
        let got = delivered.get(chat).copied().unwrap_or(0);
        assert!(got >= *count, "messages to {chat} lost: {got} of {count} delivered");
        duplicates += got - count;
    }
    assert_eq!(delivered.keys().filter(|chat| !expected.contains_key(chat)).count(), 0, "nothing sent unasked");
    let fail_over_count = fail_overs.len();
    assert!(duplicates <= fail_over_count, "{duplicates} messages twice for {fail_over_count} fail-overs");
    let conflicts = fake.conflicts();
    assert!(conflicts <= fail_over_count, "{conflicts} conflicts (409) for {fail_over_count} fail-overs");
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());

    fail_overs.sort();
    let median = fail_overs[fail_overs.len() / 2];
    let max = fail_overs[fail_overs.len() - 1];
    println!(
        "{EVENTS} updates, {KILLS} kills and a freeze of the holder among three processes: fail-over median \
         {:.1} s, max {:.1} s; {conflicts} conflicts (409); {} messages, {duplicates} sent twice",
        median.as_secs_f64(),
        max.as_secs_f64(),
        expected.values().sum::<usize>()
    );
    assert!(max < Duration::from_secs(15), "fail-over max {max:?}, goal under 15 s");
    store.close().await;
}
