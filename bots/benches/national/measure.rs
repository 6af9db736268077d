//! What members, sponsors and moderators wait for on a generated community: each kind of
//! command through the core and the store (median and 99th percentile), the upkeep rounds, and
//! the `entraide` binary itself (start-up, memory, backup, import).

use std::io::{BufRead, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, Platform, PostKind};
use entraide_core::ports::{OsRandomness, Store, SystemClock};
use entraide_core::service::{Incoming, Service, Settings};

use crate::generate::{Generated, Random, Texts};

/// Median and 99th percentile of some durations, in milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    pub p50: f64,
    pub p99: f64,
    pub samples: usize,
}

impl Latency {
    fn of(mut durations: Vec<Duration>) -> Self {
        durations.sort();
        let at = |q: f64| {
            let index = ((durations.len() as f64 * q).ceil() as usize).clamp(1, durations.len()) - 1;
            durations[index].as_secs_f64() * 1_000.0
        };
        match durations.is_empty() {
            true => Latency::default(),
            false => Latency { p50: at(0.5), p99: at(0.99), samples: durations.len() },
        }
    }
}

fn incoming(platform: Platform, user: &str, text: String) -> Incoming {
    Incoming {
        account: AccountRef::new(platform, user.to_owned()),
        display_name: user.to_owned(),
        lang: None,
        chat: ChatContext::Private,
        text,
        message: None,
    }
}

/// Times one command; its reply, if any.
async fn timed(service: &Service, into: &mut Vec<Duration>, incoming: Incoming) -> Option<String> {
    let started = Instant::now();
    let reply = service.handle(incoming).await;
    into.push(started.elapsed());
    reply.map(|reply| reply.text)
}

/// Every command's latency on the community, in the order of the docs' table; `samples`
/// of each member command, fewer of the heavy moderator ones.
pub async fn commands(
    store: Arc<dyn Store>,
    generated: &Generated,
    texts: &Texts,
    samples: usize,
) -> (Duration, Vec<(String, Latency)>) {
    let started = Instant::now();
    let service =
        Service::start(Arc::clone(&store), Arc::new(SystemClock), Arc::new(OsRandomness), Settings::default())
            .await
            .expect("the service starts");
    service.warm_matching().await.expect("the matching indexes are read");
    let warm = started.elapsed();
    let mut random = Random::new(7);
    let mut results = Vec::new();
    let console = Platform::Console;
    let actors = &generated.actors;
    assert!(actors.len() >= samples + samples / 4, "enough members to act: {}", actors.len());
    // Members' everyday commands, each from another member.
    let (mut need, mut offer, mut accept, mut mine, mut balance, mut data) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for actor in actors.iter().take(samples) {
        let (text, _, _) = texts.pick(PostKind::Request, &mut random);
        let reply = timed(&service, &mut need, incoming(console, actor, format!("/besoin {text}"))).await;
        // The first helper asked accepts, from their own app.
        if let Some(request) = reply.as_deref().and_then(entraide::harness::post_number) {
            let asked = store.matches_of_request(request).await.expect("matches");
            if let Some(ask) = asked.first() {
                let accounts = store.accounts_of(ask.helper_id).await.expect("accounts");
                if let Some(account) = accounts.first() {
                    let text = format!("/accepter {}", ask.id);
                    timed(&service, &mut accept, incoming(account.account.platform, &account.account.user_id, text))
                        .await;
                }
            }
        }
        let (text, _, _) = texts.pick(PostKind::Offer, &mut random);
        timed(&service, &mut offer, incoming(console, actor, format!("/offre {text}"))).await;
        timed(&service, &mut mine, incoming(console, actor, "/mes".into())).await;
        timed(&service, &mut balance, incoming(console, actor, "/solde".into())).await;
        timed(&service, &mut data, incoming(console, actor, "/mes-donnees".into())).await;
    }
    // Sponsors invite; newcomers join with the open codes.
    let (mut invite, mut join) = (Vec::new(), Vec::new());
    for (k, actor) in actors.iter().rev().take(samples).enumerate() {
        timed(&service, &mut invite, incoming(console, actor, "/inviter".into())).await;
        if let Some(code) = generated.open_codes.get(k) {
            timed(&service, &mut join, incoming(console, &format!("nouveau{k}"), format!("/rejoindre {code}"))).await;
        }
    }
    results.push(("/besoin (matched, helpers asked)".to_owned(), Latency::of(need)));
    results.push(("/offre".to_owned(), Latency::of(offer)));
    results.push(("/accepter".to_owned(), Latency::of(accept)));
    results.push(("/inviter".to_owned(), Latency::of(invite)));
    results.push(("/rejoindre".to_owned(), Latency::of(join)));
    results.push(("/mes".to_owned(), Latency::of(mine)));
    results.push(("/solde".to_owned(), Latency::of(balance)));
    results.push(("/mes-donnees".to_owned(), Latency::of(data)));
    // Moderators' reports, by the founder `alice`.
    let heavy = (samples / 10).max(5);
    let (founder, _) = &generated.founder;
    let reports: Vec<(String, String)> = vec![
        ("/fiche founder, page 1".into(), format!("/fiche {founder}")),
        ("/fiche founder, page 1,000".into(), format!("/fiche {founder} 1000")),
        ("/journal".into(), "/journal".into()),
        ("/journal @member".into(), format!("/journal @{}", actors[0])),
        ("/journal par:@moderator".into(), "/journal par:@m5".into()),
        ("/journal action:warn".into(), "/journal action:warn".into()),
        ("/journal depuis:30j".into(), "/journal depuis:30j".into()),
        ("/journal avant:DATE, page 100".into(), "/journal avant:2026-06-01 100".into()),
        ("/stats 365".into(), "/stats 365".into()),
    ];
    for (label, command) in reports {
        let mut times = Vec::new();
        for _ in 0..heavy {
            timed(&service, &mut times, incoming(console, "alice", command.clone())).await;
        }
        results.push((label, Latency::of(times)));
    }
    // A ban of a member with three accounts; members erasing their data.
    let mut ban = Vec::new();
    for name in generated.three_accounts.iter().take(heavy) {
        timed(&service, &mut ban, incoming(console, "alice", format!("/bannir {name} spam répété"))).await;
    }
    results.push(("/bannir (three accounts)".to_owned(), Latency::of(ban)));
    let mut erase = Vec::new();
    for actor in actors.iter().skip(samples).take(heavy) {
        service.handle(incoming(console, actor, "/supprimer-compte".into())).await;
        timed(&service, &mut erase, incoming(console, actor, "/supprimer-compte confirmer".into())).await;
    }
    results.push(("/supprimer-compte confirmer".to_owned(), Latency::of(erase)));
    let mut upkeep = Vec::new();
    for _ in 0..heavy {
        let started = Instant::now();
        service.upkeep().await.expect("upkeep");
        upkeep.push(started.elapsed());
    }
    results.push(("upkeep round".to_owned(), Latency::of(upkeep)));
    (warm, results)
}

/// A process's resident memory now and at its peak, in MB, from `/proc`.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1_024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The binary on the community: start-up (to the first answer, the matching indexes read),
/// memory idle and after `traffic_seconds` of 20 commands a second by many members.
pub struct Run {
    pub startup: Duration,
    pub idle_mb: f64,
    pub busy_mb: f64,
    pub peak_mb: f64,
    pub answered: usize,
}

pub fn run(config: &std::path::Path, generated: &Generated, texts: &Texts, traffic_seconds: u64) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_entraide"))
        .args(["--config", &config.display().to_string(), "run"])
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(config.with_extension("log")).expect("a log file"))
        .spawn()
        .expect("entraide run");
    let pid = child.id();
    let mut input = child.stdin.take().expect("stdin");
    let output = child.stdout.take().expect("stdout");
    // Scripted console: each command's output ends with an empty line.
    let (done, answers) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(output).lines() {
            let Ok(line) = line else { break };
            if line.is_empty() && done.send(()).is_err() {
                break;
            }
        }
    });
    writeln!(input, "/aide").expect("a command");
    if answers.recv_timeout(Duration::from_secs(600)).is_err() {
        let log = std::fs::read_to_string(config.with_extension("log")).unwrap_or_default();
        panic!("the console did not answer:\n{log}");
    }
    let startup = started.elapsed();
    std::thread::sleep(Duration::from_secs(2));
    let (idle_mb, _) = memory(pid);
    let mut random = Random::new(11);
    let ticks = traffic_seconds * 20;
    let begin = Instant::now();
    for tick in 0..ticks {
        let actor = &generated.actors[random.below(generated.actors.len())];
        let command = match tick % 4 {
            0 => format!("/besoin {}", texts.pick(PostKind::Request, &mut random).0),
            1 => format!("/offre {}", texts.pick(PostKind::Offer, &mut random).0),
            2 => "/mes".to_owned(),
            _ => "/solde".to_owned(),
        };
        // Lines are one command each: a text with a newline would be two.
        let command = command.replace('\n', " ");
        writeln!(input, "/as {actor}\n{command}").expect("a command");
        let due = begin + Duration::from_millis(tick * 50);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    let mut answered = 0;
    while answered < 2 * ticks as usize && answers.recv_timeout(Duration::from_secs(120)).is_ok() {
        answered += 1;
    }
    let (busy_mb, peak_mb) = memory(pid);
    writeln!(input, "/quitter").expect("quit");
    drop(input);
    let _ = child.wait();
    let _ = reader.join();
    Run { startup, idle_mb, busy_mb, peak_mb, answered: answered / 2 }
}

/// Runs `entraide` with `args` to its end: how long it took and its peak memory in MB.
pub fn timed_process(config: &std::path::Path, args: &[&str]) -> (Duration, f64) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_entraide"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("entraide");
    // Read as it comes: a full pipe would block the process.
    let mut errors = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut errors, &mut text);
        text
    });
    let mut peak: f64 = 0.0;
    loop {
        peak = peak.max(memory(child.id()).1);
        match child.try_wait().expect("wait") {
            Some(status) => {
                let errors = errors.join().unwrap_or_default();
                assert!(status.success(), "entraide {args:?} failed: {status}\n{errors}");
                return (started.elapsed(), peak);
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}
