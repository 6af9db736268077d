//! The crash harness: the real binary plays thousands of commands as platform events while
//! it is killed with SIGKILL at random moments, again and again, and started anew. At the
//! end no command is lost or applied twice, every message was delivered, and a message was
//! delivered twice at most once per kill (the one in flight: the documented window for
//! platforms without idempotent sending). On SQLite, on PostgreSQL, and on PostgreSQL with a
//! second process running throughout while the other is killed. Stopped with SIGTERM
//! instead, a worker finishes what it holds: then no message at all is delivered twice.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use entraide::harness::{CURSOR, MEMBERS, command};
use entraide_core::model::Platform;
use tokio::process::{Child, Command};

use crate::support;

const BIN: &str = env!("CARGO_BIN_EXE_entraide");
const COMMANDS: u64 = 2_000;

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

fn worker(config: &Path, sent: &Path) -> Child {
    Command::new(BIN)
        .arg("--config")
        .arg(config)
        .arg("harness")
        .arg("--commands")
        .arg(COMMANDS.to_string())
        .arg("--sent")
        .arg(sent)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// How a worker is stopped.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// SIGKILL: no chance to finish anything.
    Kill,
    /// SIGTERM: it finishes the event and the send in hand, gives the rest back and exits.
    Term,
}

async fn crash_and_restart(url: &str, kills: usize, steady_worker: bool, stop: Stop) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("entraide.toml");
    let text = entraide::config::EXAMPLE.replace("url = \"sqlite:entraide.db\"", &format!("url = \"{url}\""));
    std::fs::write(&config, text).unwrap();
    let sent = dir.path().join("sent.log");
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("crash harness seed {seed}");
    let mut random = Random(seed);

    let steady = steady_worker.then(|| worker(&config, &sent));
    for _ in 0..kills {
        let mut victim = worker(&config, &sent);
        tokio::time::sleep(Duration::from_millis(150 + random.next(900))).await;
        match stop {
            Stop::Kill => {
                let _ = victim.kill().await;
            }
            Stop::Term => {
                let status = support::terminate(victim).await.status;
                assert!(status.success(), "a clean stop, not death by the signal: {status}");
            }
        }
    }
    let last = worker(&config, &sent).wait_with_output().await.unwrap();
    assert!(last.status.success());
    if let Some(steady) = steady {
        let done = tokio::time::timeout(Duration::from_secs(300), steady.wait_with_output()).await.unwrap().unwrap();
        assert!(done.status.success());
    }

    // No command lost, none applied twice.
    let store = entraide_store_sql::open(url).await.unwrap();
    let community = store.ensure_community("entraide", "Réseau d'entraide").await.unwrap().id;
    assert_eq!(store.cursor(CURSOR).await.unwrap().as_deref(), Some(COMMANDS.to_string().as_str()));
    for index in 0..COMMANDS {
        assert!(store.event_seen(Platform::Telegram, &format!("h{index}")).await.unwrap(), "event {index} lost");
    }
    let mut posts = 0;
    for k in 0..MEMBERS {
        let account = entraide_core::model::AccountRef::new(Platform::Telegram, format!("h{k}"));
        let member = store.account(community, &account).await.unwrap().unwrap().member_id;
        posts += store.posts_of(member).await.unwrap().len();
    }
    let expected_posts = (0..COMMANDS).filter(|i| !command(*i).starts_with("/mes")).count();
    assert_eq!(posts, expected_posts, "each post once");

    // Every message delivered, at least once; twice at most once per kill.
    assert!(store.due_messages(Platform::Telegram, i64::MAX, 10).await.unwrap().is_empty(), "nothing left");
    assert!(store.parked_messages(community, 10).await.unwrap().is_empty());
    let log = std::fs::read_to_string(&sent).unwrap();
    let mut deliveries: HashMap<&str, usize> = HashMap::new();
    for key in log.lines() {
        *deliveries.entry(key).or_default() += 1;
    }
    let answers = deliveries.keys().filter(|key| key.starts_with("reply:")).count();
    let expected_answers = (0..COMMANDS).filter(|i| command(*i) == "/mes").count();
    assert_eq!(answers, expected_answers, "one private answer per /mes typed in the group");
    let duplicates: usize = deliveries.values().map(|n| n - 1).sum();
    println!("{kills} kills, {} deliveries of {} messages, {duplicates} twice", log.lines().count(), deliveries.len());
    let allowed = if stop == Stop::Kill { kills } else { 0 };
    assert!(duplicates <= allowed, "{duplicates} duplicates for {kills} stops");
}

#[tokio::test]
async fn killed_again_and_again_on_sqlite() {
    let db = support::sqlite();
    crash_and_restart(&db.url, 12, false, Stop::Kill).await;
}

#[tokio::test]
async fn killed_again_and_again_on_postgres() {
    let db = support::postgres().await;
    crash_and_restart(&db.url, 12, false, Stop::Kill).await;
}

#[tokio::test]
async fn one_of_two_processes_killed_again_and_again_on_postgres() {
    let db = support::postgres().await;
    crash_and_restart(&db.url, 12, true, Stop::Kill).await;
}

/// SIGTERM mid-load, again and again: each worker exits cleanly, and once restarted nothing
/// is lost and nothing at all is sent twice.
#[tokio::test]
async fn stopped_with_sigterm_again_and_again_on_sqlite() {
    let db = support::sqlite();
    crash_and_restart(&db.url, 8, false, Stop::Term).await;
}

#[tokio::test]
async fn stopped_with_sigterm_again_and_again_on_postgres() {
    let db = support::postgres().await;
    crash_and_restart(&db.url, 8, false, Stop::Term).await;
}
