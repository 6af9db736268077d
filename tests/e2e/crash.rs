//! The crash harness: the real binary plays thousands of commands as platform events while
//! it is killed with SIGKILL at random moments, again and again, and started anew. At the
//! end no command is lost or applied twice, every message was delivered, and a message was
//! delivered twice at most once per kill (the one in flight: the documented window for
//! platforms without idempotent sending). On SQLite, on PostgreSQL, and on PostgreSQL with a
//! second process running throughout while the other is killed. Stopped with SIGTERM
//! instead, a worker finishes what it holds: then no message at all is delivered twice.
//!
//! On Matrix, against a real Synapse, `entraide run` itself is killed while two rooms are
//! busy: every event is recorded once, whatever the kills left unread.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entraide::harness::{CURSOR, MEMBERS, command};
use entraide_core::model::{AccountRef, Platform};
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::{OwnedRoomId, RoomId, UserId};
use serde_json::Value;
use tokio::process::{Child, Command};

use crate::matrix::{self, Person, Pump};
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

/// `entraide run` on Matrix, until killed.
fn matrix_bot(config: &Path) -> Child {
    Command::new(BIN)
        .arg("--config")
        .arg(config)
        .arg("run")
        .env("ENTRAIDE_MATRIX_PASSWORD", matrix::PASSWORD)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// Someone sending `!offre …` in a room, one every `every` at most, until `stop`: the event
/// ids sent, in order, as they go.
pub(crate) fn offering(
    person: Arc<Person>,
    room: OwnedRoomId,
    every: Duration,
    what: &'static str,
    stop: Arc<AtomicBool>,
) -> (Arc<Mutex<Vec<String>>>, tokio::task::JoinHandle<()>) {
    let sent: Arc<Mutex<Vec<String>>> = Arc::default();
    let ids = Arc::clone(&sent);
    let task = tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        for n in 0.. {
            tick.tick().await;
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let id = person.say(&room, &format!("!offre {what}, lot {n}")).await;
            ids.lock().unwrap().push(id);
        }
    });
    (sent, task)
}

/// The bodies of the bot's messages in a room, read back from its whole history as `person`
/// sees it (decrypted), newest first: a person's own sync may skip some in a busy room.
pub(crate) async fn bot_messages(person: &Person, room: &RoomId, bot: &UserId) -> Vec<String> {
    use matrix_sdk::room::MessagesOptions;
    let room = person.client.get_room(room).unwrap();
    let mut bodies = Vec::new();
    let mut from: Option<String> = None;
    loop {
        let mut options = MessagesOptions::backward().from(from.as_deref());
        options.limit = 100u32.into();
        let page = room.messages(options).await.unwrap();
        for event in &page.chunk {
            let event: Value = serde_json::from_str(event.raw().json().get()).unwrap();
            if event["sender"] == bot.as_str() && event.get("state_key").is_none() {
                bodies.push(event["content"]["body"].as_str().unwrap_or_default().to_owned());
            }
        }
        match page.end {
            Some(end) if from.as_deref() != Some(end.as_str()) => from = Some(end),
            _ => return bodies,
        }
    }
}

/// The configuration of a Matrix community served by `bot` in `room` on `database`, keys in
/// `folder/keys`, written to `folder/entraide.toml`, with `members` imported as members
/// already; the file's path.
pub(crate) async fn matrix_community(
    folder: &Path,
    database: &str,
    bot: &UserId,
    room: &RoomId,
    members: &[&Person],
) -> std::path::PathBuf {
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"{database}\""))
        .replace("homeserver = \"\"", &format!("homeserver = \"{}\"", matrix::synapse()))
        .replace("user = \"\"", &format!("user = \"{}\"", bot.localpart()))
        .replace("rooms = []", &format!("rooms = [\"{room}\"]"))
        .replace("store = \"matrix-store\"", &format!("store = \"{}\"", folder.join("keys").display()))
        // The bot's account is exempt from Synapse's message limit: the outbox may send as
        // fast as its answers come, as an operator who lifted it would set.
        .replace(
            "# [delivery.matrix]\n# per_second = 1.0\n# burst = 20.0\n# per_chat_per_minute = 60.0\n# per_recipient_per_second = 1.0",
            "[delivery.matrix]\nper_second = 100.0\nburst = 100.0\nper_chat_per_minute = 6000.0\nper_recipient_per_second = 100.0",
        );
    assert!(text.contains("[delivery.matrix]\nper_second = 100.0"), "the example's delivery section changed");
    let config = folder.join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let rows: String = members
        .iter()
        .map(|person| {
            format!("{},matrix,{},Lyon,alice\n", person.id.localpart().split('-').next().unwrap_or("x"), person.id)
        })
        .collect();
    let csv = folder.join("members.csv");
    std::fs::write(&csv, format!("name,platform,user_id,city,sponsor\n{rows}")).unwrap();
    let imported = Command::new(BIN).arg("--config").arg(&config).arg("import").arg(&csv).output().await.unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    config
}

/// Issue #20: a member sends commands about ten a second in her encrypted private room while
/// another posts offers in a community room, and `entraide run` is killed with SIGKILL again
/// and again — once staying away while more of her commands wait than one sync batch holds
/// (Synapse then sends only the latest, `limited`). At the end every command's event is
/// recorded, each offer is stored once, no command is answered twice, and an answer is
/// missing at most once per kill (the one in flight when it came).
#[tokio::test]
async fn matrix_killed_again_and_again_with_two_busy_rooms() {
    let started = Instant::now();
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

    // Léa and Bob are members already (imported), so that each offer is stored.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("entraide.db");
    let config = matrix_community(dir.path(), &format!("sqlite:{}", db.display()), &bot, &room, &[&lea, &bob]).await;

    // The bot's first start reads no history: it is up once it answers both.
    let mut running = matrix_bot(&config);
    let dm = lea.open_direct(&pump, &bot).await;
    let mut lea_commands = vec![lea.say(&dm, "!aide").await];
    lea.message_from(&pump, &bot, "Commandes de").await;
    let mut bob_commands = vec![bob.say(&room, "!aide").await];
    bob.message_from(&pump, &bot, "Commandes de").await;

    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("Matrix crash harness seed {seed}");
    let mut random = Random(seed);
    let stop = Arc::new(AtomicBool::new(false));
    let (lea_sent, lea_load) =
        offering(Arc::clone(&lea), dm.clone(), Duration::from_millis(100), "je prête un livre", Arc::clone(&stop));
    let (bob_sent, bob_load) = offering(
        Arc::clone(&bob),
        room.clone(),
        Duration::from_millis(250),
        "je donne de la confiture",
        Arc::clone(&stop),
    );
    let kills = 6;
    for kill in 0..kills {
        tokio::time::sleep(Duration::from_millis(1_500 + random.next(2_500))).await;
        running.kill().await.unwrap();
        if kill == 1 {
            // Away until more of Léa's commands wait than one batch of her room holds (100).
            let before = lea_sent.lock().unwrap().len();
            let away = Instant::now();
            while lea_sent.lock().unwrap().len() < before + 120 {
                assert!(away.elapsed() < Duration::from_secs(60), "Léa's commands are sent");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        } else {
            tokio::time::sleep(Duration::from_millis(200 + random.next(800))).await;
        }
        running = matrix_bot(&config);
    }
    stop.store(true, Ordering::Relaxed);
    lea_load.await.unwrap();
    bob_load.await.unwrap();
    let lea_offers = lea_sent.lock().unwrap().clone();
    let bob_offers = bob_sent.lock().unwrap().clone();

    // Last, each asks for help again: once both are answered, everything before was read.
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
    let stopped = support::terminate(running).await;
    assert!(stopped.status.success(), "a clean stop: {}", stopped.status);

    let store = entraide_store_sql::open(&format!("sqlite:{}", db.display())).await.unwrap();
    let unseen: Vec<&String> = {
        let mut unseen = Vec::new();
        for id in lea_commands.iter().chain(&bob_commands) {
            if !store.event_seen(Platform::Matrix, id).await.unwrap() {
                unseen.push(id);
            }
        }
        unseen
    };
    println!(
        "{kills} kills, {} commands from Léa, {} from Bob, {} answered, {} never read, in {:?}",
        lea_commands.len(),
        bob_commands.len(),
        lea_answers + bob_answers,
        unseen.len(),
        started.elapsed()
    );
    let lea_unseen: Vec<usize> =
        lea_commands.iter().enumerate().filter(|(_, id)| unseen.contains(id)).map(|(i, _)| i).collect();
    let bob_unseen: Vec<usize> =
        bob_commands.iter().enumerate().filter(|(_, id)| unseen.contains(id)).map(|(i, _)| i).collect();
    assert!(unseen.is_empty(), "commands never read: Léa's {lea_unseen:?}, Bob's {bob_unseen:?}");
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
}
