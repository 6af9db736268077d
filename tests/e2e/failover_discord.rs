//! The fail-over harness on Discord: three `entraide run` processes share one PostgreSQL
//! database and one bot (the fake Discord, whose gateway gives a new session nothing sent
//! before it, as Discord does). Two thousand events are played (offers, requests and
//! commands in DMs, joins, bans by hand) while the process holding the gateway shard is
//! killed with SIGKILL at random moments, again and again.
//!
//! At the end: every event handled once, though many were sent while no session was open
//! (read back through REST by the next holder), every post written once, every join held
//! once, every message the bot had to send sent once (Discord's nonce). The fail-over time
//! (holder killed → the first event handled by the process that took over) is printed:
//! median and maximum, with the default lease.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use entraide_core::model::{AccountRef, Platform};
use entraide_core::ports::Store;
use sqlx::Row;
use tokio::process::{Child, Command};

use crate::failover::{BIN, Random, holder, messages_sent, seed};
use crate::fake_discord::{FakeDiscord, dm_channel, snowflake_now};
use crate::support::{self, until_true};

const TOKEN: &str = "MTAx.FakeDiscordFailover.Zz";
const GUILD: u64 = 222;
/// The moderator who bans by hand in the guild (a founder, on Discord).
const MODERATOR: u64 = 999;
/// Members write from these Discord ids on.
const FIRST_MEMBER: u64 = 1_001;
const MEMBERS: u64 = 25;
const EVENTS: u64 = 2_000;
const KILLS: usize = 10;

/// An event played: what the fake records of it, to check it was handled.
enum Played {
    /// A DM, by its message id.
    Message(u64),
    /// A ban by hand, by its audit log entry id.
    Ban(u64),
    /// Someone joining.
    Join,
}

/// Plays event `n`: what a member (or the moderator, or a stranger) does.
fn play(fake: &FakeDiscord, n: u64) -> Played {
    let member = FIRST_MEMBER + n % MEMBERS;
    let dm = |text: &str| {
        let id = snowflake_now();
        fake.dm(id, member, "Membre", text);
        Played::Message(id)
    };
    match n % 20 {
        0 => {
            let entry = snowflake_now();
            fake.audit_entry(entry, 22, MODERATOR, 50_000 + n);
            Played::Ban(entry)
        }
        10 => {
            fake.join(60_000 + n, "Passant", None);
            Played::Join
        }
        1..=3 => dm(&format!("!offre je prête une perceuse, lot {n}")),
        4..=6 => dm(&format!("!besoin une perceuse pour le lot {n}")),
        _ => dm("!mes"),
    }
}

fn is_post(n: u64) -> bool {
    (1..=6).contains(&(n % 20))
}

/// The example configuration on this database and fake.
fn config_text(db: &str, fake: &FakeDiscord) -> String {
    entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"{db}\""))
        .replace(
            "{ account = \"console:alice\", name = \"alice\" }",
            &format!("{{ account = \"discord:{MODERATOR}\", name = \"Modo\" }}"),
        )
        .replace("guilds = []", &format!("guilds = [{GUILD}]"))
        .replace("empty for Discord's.\napi_url = \"\"", &format!("empty for Discord's.\napi_url = \"{}\"", fake.url))
        // What a killed process was sending comes back after 10 s rather than 2 minutes.
        .replace("lease_seconds = 120", "lease_seconds = 10")
}

fn spawn(dir: &Path, config: &Path, n: usize) -> (u32, Child, usize) {
    let log = std::fs::File::create(dir.join(format!("d{n}.log"))).unwrap();
    let child = Command::new(BIN)
        .arg("--config")
        .arg(config)
        .arg("run")
        .env("ENTRAIDE_DISCORD_TOKEN", TOKEN)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    (child.id().unwrap(), child, n)
}

/// How many Discord events were handled so far.
async fn handled_count(pool: &sqlx::PgPool) -> i64 {
    let row = sqlx::query("SELECT count(*) AS handled FROM inbound_events WHERE platform = 'discord'")
        .fetch_one(pool)
        .await
        .unwrap();
    row.get("handled")
}

#[tokio::test]
async fn three_processes_fail_over_on_discord_under_kills_on_postgres() {
    let db = support::postgres().await;
    let fake = FakeDiscord::start(GUILD).await;
    let dir = tempfile::tempdir().unwrap();

    let config = dir.path().join("discord.toml");
    let text = config_text(&db.url, &fake);
    assert!(text.contains(&fake.url) && text.contains("discord:999"), "the example configuration changed");
    std::fs::write(&config, &text).unwrap();
    seed(&text, (0..MEMBERS).map(|k| AccountRef::new(Platform::Discord, (FIRST_MEMBER + k).to_string()))).await;
    let store: Arc<dyn Store> = entraide_store_sql::open(&db.url).await.unwrap();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("Discord fail-over harness seed {seed}");
    let mut random = Random(seed);

    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    let mut processes: Vec<(u32, Child, usize)> = (1..=3).map(|n| spawn(dir.path(), &config, n)).collect();
    let mut spawned = 3;
    let seen = async |id: String| store.event_seen(Platform::Discord, &id).await.unwrap();
    let handled = async |played: &Played| match played {
        Played::Message(id) => seen(id.to_string()).await,
        Played::Ban(entry) => seen(format!("audit:{entry}")).await,
        Played::Join => true,
    };
    until_true("a first holder connected", Duration::from_secs(60), async || !fake.open_shards().is_empty()).await;
    let mut played = Vec::new();
    let mut next = 1;
    let rounds = KILLS as u64 + 1;
    let batch = (EVENTS - 6 * rounds) / rounds;
    let mut fail_overs = Vec::new();
    for _ in 0..rounds - 1 {
        for _ in 0..batch {
            played.push(play(&fake, next));
            next += 1;
        }
        tokio::time::sleep(Duration::from_millis(300 + random.next(2_200))).await;
        let mut pid = None;
        until_true("a holder", Duration::from_secs(60), async || {
            pid = holder(store.as_ref(), "discord:0").await;
            pid.is_some()
        })
        .await;
        let pid = pid.unwrap();
        let at = processes.iter().position(|(p, _, _)| *p == pid).expect("the holder is one of ours");
        let (_, mut victim, _) = processes.remove(at);
        victim.kill().await.unwrap();
        let killed = Instant::now();
        spawned += 1;
        processes.push(spawn(dir.path(), &config, spawned));
        // Events handled once the victim can write no more (a commit it had sent lands
        // within moments): the fail-over is done when one more is, which only another process
        // can do. Those sent now, while no session is open, the next holder reads back.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let handled_by_now = handled_count(&pool).await;
        for _ in 0..5 {
            played.push(play(&fake, next));
            next += 1;
        }
        until_true("an event handled by the next holder", Duration::from_secs(60), async || {
            handled_count(&pool).await > handled_by_now
        })
        .await;
        fail_overs.push(killed.elapsed());
        assert!(holder(store.as_ref(), "discord:0").await.is_some_and(|now| now != pid), "handled by another holder");
    }
    while next <= EVENTS {
        played.push(play(&fake, next));
        next += 1;
    }
    for event in &played {
        until_true("every event handled", Duration::from_secs(180), async || handled(event).await).await;
    }
    // Delivered, and nothing more to deliver a few seconds later (what the last events
    // caused, a moderator told of the last joins, is enqueued after them).
    for _ in 0..2 {
        until_true("the outbox delivered", Duration::from_secs(240), async || {
            store.due_messages(Platform::Discord, i64::MAX, 1).await.unwrap().is_empty()
        })
        .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
    for (pid, mut process, n) in processes {
        std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
        let Ok(status) = tokio::time::timeout(Duration::from_secs(15), process.wait()).await else {
            let log = std::fs::read_to_string(dir.path().join(format!("d{n}.log"))).unwrap();
            panic!("process {n} did not stop within 15 s of SIGTERM; its log:\n{log}");
        };
        let status = status.unwrap();
        assert!(status.success(), "a clean stop: {status}");
    }
    let mut logs = String::new();
    for n in 1..=spawned {
        logs.push_str(&std::fs::read_to_string(dir.path().join(format!("d{n}.log"))).unwrap());
    }
    let taken_over = logs.lines().filter(|line| line.contains("stopped renewing it")).count();
    assert!(taken_over >= KILLS, "{taken_over} take-overs logged for {KILLS} kills");

    // Every event handled, once: each post written once, each join held once.
    for (n, event) in played.iter().enumerate() {
        assert!(handled(event).await, "event {} lost", n + 1);
    }
    let community = store.ensure_community("entraide", "Réseau d'entraide").await.unwrap().id;
    let mut posts = 0;
    for k in 0..MEMBERS {
        let account = AccountRef::new(Platform::Discord, (FIRST_MEMBER + k).to_string());
        let member = store.account(community, &account).await.unwrap().unwrap().member_id;
        posts += store.posts_of(member).await.unwrap().len();
    }
    assert_eq!(posts, (1..=EVENTS).filter(|n| is_post(*n)).count(), "each post once");
    let joins = played.iter().filter(|event| matches!(event, Played::Join)).count();
    assert_eq!(store.open_held_joins(community).await.unwrap().len(), joins, "each join held once");

    // Every message sent, once (the nonce makes a resend the same message).
    let expected = messages_sent(&db.url, Platform::Discord).await;
    let mut duplicates = 0;
    for (person, count) in &expected {
        let got = fake.messages_to(dm_channel(person.parse().unwrap())).len();
        assert!(got >= *count, "messages to {person} lost: {got} of {count} delivered");
        duplicates += got - count;
    }
    assert_eq!(duplicates, 0, "messages sent twice");
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
    let missed = fake.missed();
    assert!(missed >= 5 * KILLS, "events were sent while no session was open: {missed}");

    fail_overs.sort();
    let median = fail_overs[fail_overs.len() / 2];
    let max = fail_overs[fail_overs.len() - 1];
    println!(
        "Discord: {EVENTS} events, {KILLS} kills of the holder among three processes: fail-over median {:.1} s, \
         max {:.1} s; {missed} events sent while no session was open, all read back; {} messages, none twice",
        median.as_secs_f64(),
        max.as_secs_f64(),
        expected.values().sum::<usize>()
    );
    assert!(max < Duration::from_secs(15), "fail-over max {max:?}, goal under 15 s");
    pool.close().await;
    store.close().await;
}
