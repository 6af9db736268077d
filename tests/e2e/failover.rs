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
use crate::support::{self, until_true};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_entraide");
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
pub(crate) struct Random(pub(crate) u64);

impl Random {
    pub(crate) fn next(&mut self, below: u64) -> u64 {
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

pub(crate) fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill").args([&format!("-{name}"), &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}

/// The process id of the holder of a connection's lease (`telegram`, `discord:0`…) now, if
/// one holds it.
pub(crate) async fn holder(store: &dyn Store, name: &str) -> Option<u32> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let lease = store.leases().await.unwrap().into_iter().find(|lease| lease.name == name)?;
    // Holders are named HOST:PID:RANDOM.
    (lease.until > now).then(|| lease.holder.rsplit(':').nth(1)?.parse().ok()).flatten()
}

/// The members events come from (one account each), written before any process starts.
pub(crate) async fn seed(config: &str, accounts: impl Iterator<Item = AccountRef>) {
    let config = entraide::config::Config::parse(config, Path::new("seed")).unwrap();
    let (app, _) = support::app_with(config).await;
    let community = app.service.community().id;
    for (k, account) in accounts.enumerate() {
        let id = app.store.allocate_id(IdKind::Member).await.unwrap();
        let now = app.clock.now();
        let member = Member {
            place: Some("Lyon".into()),
            ..Member::newcomer(id, community, format!("m{k}"), Lang::Fr, None, now)
        };
        let link =
            Account { account, member_id: id, community_id: community, display_name: format!("m{k}"), linked_at: now };
        app.store.apply(vec![Change::InsertMember(member), Change::LinkAccount(link)]).await.unwrap();
    }
    app.store.close().await;
}

/// How many messages (not actions) the bot sent on a platform to each recipient, by the
/// outbox (which keeps each sent row for its key, without its text); none left unsent or
/// parked.
pub(crate) async fn messages_sent(db: &str, platform: Platform) -> HashMap<String, usize> {
    let pool = sqlx::PgPool::connect(db).await.unwrap();
    let rows = sqlx::query("SELECT recipient, outcome, body FROM outbox WHERE platform = $1 AND action = 0")
        .bind(platform.as_str())
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut sent = HashMap::new();
    for row in rows {
        let (recipient, outcome, body): (String, Option<String>, String) =
            (row.get("recipient"), row.get("outcome"), row.get("body"));
        assert!(
            matches!(outcome.as_deref(), Some("sent" | "cancelled")),
            "a message to {recipient} left {outcome:?}: {body}"
        );
        if outcome.as_deref() == Some("sent") {
            *sent.entry(recipient).or_insert(0) += 1;
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
    let members = (0..MEMBERS).map(|k| AccountRef::new(Platform::Telegram, (FIRST_MEMBER + k).to_string()));
    seed(&config_text(&db.url, &fake, 0), members).await;
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
            pid = holder(store.as_ref(), "telegram").await;
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
        assert!(holder(store.as_ref(), "telegram").await.is_some_and(|now| now != pid), "handled by another holder");
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
    let expected: HashMap<i64, usize> = messages_sent(&db.url, Platform::Telegram)
        .await
        .into_iter()
        .map(|(chat, count)| (chat.parse().unwrap(), count))
        .collect();
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

/// The Matrix connection among three processes on one PostgreSQL database and one store
/// folder, against a real Synapse: a member sends commands in her encrypted private room and
/// another posts offers in a community room while the holder is killed again and again. Every
/// command is read once, each offer stored once, an answer is missing at most once per kill,
/// and the bot keeps a single device throughout (no new session for members to verify).
#[tokio::test]
async fn three_processes_share_matrix_under_kills_on_postgres() {
    use std::sync::atomic::{AtomicBool, Ordering};

    use crate::crash::{bot_messages, offering};
    use crate::matrix::{self, Person, Pump};
    use matrix_sdk::ruma::events::room::member::MembershipState;

    let bot = matrix::register(&matrix::unique("entraide")).await;
    matrix::lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let room = matrix::community_rooms(&host, &bot, 1).await.remove(0);
    let lea = Arc::new(Person::new("lea").await);
    let bob = Arc::new(Person::new("bob").await);
    for person in [&lea, &bob] {
        matrix::lift_rate_limit(&person.id).await;
    }
    host.client.get_room(&room).unwrap().invite_user_by_id(&bob.id).await.unwrap();
    let pump = Pump { dispatcher: None };
    pump.until("Bob in the room", async || host.membership_of(&room, &bob.id).await == Some(MembershipState::Join))
        .await;

    let db = support::postgres().await;
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let config = crate::crash::matrix_community(dir.path(), &db.url, &bot, &room, &[&lea, &bob]).await;
    // What a killed process was sending comes back after 10 s rather than 2 minutes.
    let text = std::fs::read_to_string(&config).unwrap().replace("lease_seconds = 120", "lease_seconds = 10");
    std::fs::write(&config, text).unwrap();
    let spawn = |n: usize| {
        let log = std::fs::File::create(dir.path().join(format!("m{n}.log"))).unwrap();
        let child = Command::new(BIN)
            .arg("--config")
            .arg(&config)
            .arg("run")
            .env("ENTRAIDE_MATRIX_PASSWORD", matrix::PASSWORD)
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let pid = child.id().unwrap();
        (pid, child)
    };
    let mut processes: Vec<(u32, Child)> = (1..=3).map(spawn).collect();
    let mut spawned = 3;
    let store: Arc<dyn Store> = entraide_store_sql::open(&db.url).await.unwrap();
    let holder_of = async || {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let lease = store.leases().await.unwrap().into_iter().find(|lease| lease.name == "matrix")?;
        (lease.until > now).then(|| lease.holder.rsplit(':').nth(1)?.parse::<u32>().ok()).flatten()
    };

    // The first holder logs in; both are answered.
    let dm = lea.open_direct(&pump, &bot).await;
    let mut lea_commands = vec![lea.say(&dm, "!aide").await];
    lea.message_from(&pump, &bot, "Commandes de").await;
    let mut bob_commands = vec![bob.say(&room, "!aide").await];
    bob.message_from(&pump, &bot, "Commandes de").await;

    let stop = Arc::new(AtomicBool::new(false));
    let (lea_sent, lea_load) =
        offering(Arc::clone(&lea), dm.clone(), Duration::from_millis(200), "je prête un livre", Arc::clone(&stop));
    let (bob_sent, bob_load) = offering(
        Arc::clone(&bob),
        room.clone(),
        Duration::from_millis(500),
        "je donne des confitures",
        Arc::clone(&stop),
    );
    let seen = async |id: &str| store.event_seen(Platform::Matrix, id).await.unwrap();
    let kills = 3;
    let (mut fail_overs, mut taken_over) = (Vec::new(), Vec::new());
    for _ in 0..kills {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let mut pid = None;
        until_true("a Matrix holder", Duration::from_secs(60), async || {
            pid = holder_of().await;
            pid.is_some()
        })
        .await;
        let pid = pid.unwrap();
        let at = processes.iter().position(|(p, _)| *p == pid).expect("the holder is one of ours");
        let (_, mut victim) = processes.remove(at);
        victim.kill().await.unwrap();
        let killed = Instant::now();
        spawned += 1;
        processes.push(spawn(spawned));
        tokio::time::sleep(Duration::from_millis(200)).await;
        // The first of Léa's commands the victim left unread (or the next she sends): the
        // first the next holder reads in her room.
        let sent_by_now = lea_sent.lock().unwrap().clone();
        let mut witness = None;
        for id in &sent_by_now {
            if !seen(id).await {
                witness = Some(id.clone());
                break;
            }
        }
        let witness = match witness {
            Some(id) => id,
            None => {
                let after = sent_by_now.len();
                until_true("a command sent", Duration::from_secs(10), async || lea_sent.lock().unwrap().len() > after)
                    .await;
                lea_sent.lock().unwrap()[after].clone()
            }
        };
        until_true("another holder", Duration::from_secs(60), async || holder_of().await.is_some_and(|now| now != pid))
            .await;
        taken_over.push(killed.elapsed());
        until_true("read by the next holder", Duration::from_secs(90), async || seen(&witness).await).await;
        fail_overs.push(killed.elapsed());
    }
    stop.store(true, Ordering::Relaxed);
    lea_load.await.unwrap();
    bob_load.await.unwrap();
    let lea_offers = lea_sent.lock().unwrap().clone();
    let bob_offers = bob_sent.lock().unwrap().clone();
    lea_commands.extend(lea_offers.iter().cloned());
    bob_commands.extend(bob_offers.iter().cloned());
    lea_commands.push(lea.say(&dm, "!aide").await);
    bob_commands.push(bob.say(&room, "!aide").await);
    let caught_up = Instant::now();
    let (lea_answers, bob_answers) = loop {
        let lea_answers = bot_messages(&lea, &dm, &bot).await;
        let bob_answers = bot_messages(&bob, &room, &bot).await;
        let helped = |answers: &[String]| answers.iter().filter(|a| a.contains("Commandes de")).count() == 2;
        if helped(&lea_answers) && helped(&bob_answers) {
            break (lea_answers.len(), bob_answers.len());
        }
        assert!(caught_up.elapsed() < Duration::from_secs(120), "the bot catches up with the commands sent");
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    until_true("the outbox delivered", Duration::from_secs(60), async || {
        store.due_messages(Platform::Matrix, i64::MAX, 1).await.unwrap().is_empty()
    })
    .await;
    let lea_answers = lea_answers.max(bot_messages(&lea, &dm, &bot).await.len());
    let bob_answers = bob_answers.max(bot_messages(&bob, &room, &bot).await.len());
    for (_, process) in processes {
        let status = support::terminate(process).await.status;
        assert!(status.success(), "a clean stop: {status}");
    }

    // One device for the bot throughout: the session in the shared folder, asked of Synapse.
    let session: Value = serde_json::from_str(&std::fs::read_to_string(keys.join("session.json")).unwrap()).unwrap();
    let token = session["tokens"]["access_token"].as_str().or(session["access_token"].as_str()).unwrap().to_owned();
    let devices: Value = reqwest::Client::new()
        .get(format!("{}/_matrix/client/v3/devices", matrix::synapse()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(devices["devices"].as_array().map(Vec::len), Some(1), "one device for the bot: {devices}");

    for id in lea_commands.iter().chain(&bob_commands) {
        assert!(seen(id).await, "a command never read: {id}");
    }
    let community = store.ensure_community("entraide", "Réseau d'entraide").await.unwrap().id;
    for (person, offers) in [(&lea, &lea_offers), (&bob, &bob_offers)] {
        let account = AccountRef::new(Platform::Matrix, person.id.as_str());
        let member = store.account(community, &account).await.unwrap().unwrap().member_id;
        assert_eq!(store.posts_of(member).await.unwrap().len(), offers.len(), "each offer of {} once", person.id);
    }
    let commands = lea_commands.len() + bob_commands.len();
    let answers = lea_answers + bob_answers;
    assert!(answers <= commands, "no command answered twice: {answers} answers to {commands} commands");
    assert!(answers + kills >= commands, "an answer lost at most per kill: {answers} answers to {commands} commands");
    fail_overs.sort();
    taken_over.sort();
    println!(
        "Matrix among three processes, {kills} kills of the holder: lease taken over after median {:.1} s, max \
         {:.1} s; the first command left unread read after median {:.1} s, max {:.1} s; {commands} \
         commands, {answers} answers, one device",
        taken_over[taken_over.len() / 2].as_secs_f64(),
        taken_over[taken_over.len() - 1].as_secs_f64(),
        fail_overs[fail_overs.len() / 2].as_secs_f64(),
        fail_overs[fail_overs.len() - 1].as_secs_f64()
    );
    store.close().await;
}
