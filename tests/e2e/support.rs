//! Shared helpers: scratch databases, a wired app on a test clock, a console session.

use std::sync::Arc;

use entraide::App;
use entraide::config::{Config, EXAMPLE};
use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, OutgoingBody, Platform};
use entraide_core::ports::{ManualClock, OsRandomness, Store};
use entraide_core::service::{Incoming, Service};

/// 2026-11-24 09:00 UTC: tests start at a fixed time.
pub const START: i64 = 1_795_510_800;

/// A scratch database: a SQLite file in a temporary folder, or a fresh PostgreSQL database.
pub struct ScratchDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// A new SQLite file.
pub fn sqlite() -> ScratchDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("entraide.db").display());
    ScratchDb { url, _dir: Some(dir) }
}

/// The PostgreSQL server the tests use; missing is an error, not a skip.
pub fn postgres_admin_url() -> String {
    std::env::var("ENTRAIDE_TEST_POSTGRES_URL").expect(
        "ENTRAIDE_TEST_POSTGRES_URL is not set: run the tests with `bash tests/with-servers.sh cargo test --workspace`",
    )
}

/// A new, empty PostgreSQL database on the test server.
pub async fn postgres() -> ScratchDb {
    let admin = postgres_admin_url();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let name = format!("entraide_test_{}_{}", std::process::id(), nanos % 1_000_000_000_000);
    let url = entraide_store_sql::create_postgres_database(&admin, &name).await.expect("create a scratch database");
    ScratchDb { url, _dir: None }
}

/// The example configuration on a given database, with a test-friendly follow-up delay.
pub fn config(url: &str, follow_up_hours: f64) -> Config {
    let mut config = Config::parse(EXAMPLE, std::path::Path::new("example")).unwrap();
    config.database.url = url.to_owned();
    config.help_loop.follow_up_hours = follow_up_hours;
    config
}

/// An app on a real store and a clock the test moves.
pub async fn app(url: &str, follow_up_hours: f64, lang: entraide_core::model::Lang) -> (App, Arc<ManualClock>) {
    let mut config = config(url, follow_up_hours);
    config.community.language = lang;
    app_with(config).await
}

/// An app with a configuration the test wrote.
pub async fn app_with(config: Config) -> (App, Arc<ManualClock>) {
    let store: Arc<dyn Store> = entraide_store_sql::open(&config.database.url).await.unwrap();
    let clock = Arc::new(ManualClock::at(START));
    let app = App::with(config, store, clock.clone(), Arc::new(OsRandomness)).await.unwrap();
    (app, clock)
}

/// The invitation code in a message, if any (`XXXX-XXXX-XXXX-XXXX`).
pub fn code_in(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|word| word.len() == 19 && word.split('-').count() == 4 && word.split('-').all(|g| g.len() == 4))
        .map(str::to_owned)
}

/// The link code in `/lier`'s answer (`K7QM-2XRD`, quoted in backticks).
pub fn link_code_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '`').find(|w| w.len() == 9 && w.contains('-')).map(str::to_owned)
}

/// The first number after `marker` in a text (e.g. the match number after "/accepter ").
pub fn number_after(text: &str, marker: &str) -> Option<i64> {
    let at = text.find(marker)? + marker.len();
    let digits: String =
        text[at..].chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Someone writing to the bot privately.
pub async fn say(service: &Service, platform: Platform, user: &str, text: &str) -> String {
    let incoming = Incoming {
        account: AccountRef::new(platform, user),
        display_name: user.to_owned(),
        lang: None,
        chat: ChatContext::Private,
        text: text.to_owned(),
        message: None,
    };
    service.handle(incoming).await.map(|reply| reply.text).unwrap_or_default()
}

/// A console member writing privately.
pub async fn as_(service: &Service, user: &str, text: &str) -> String {
    say(service, Platform::Console, user, text).await
}

/// A new member of the community, invited by alice, in Lyon.
pub async fn newcomer(service: &Service, name: &str) {
    let code = code_in(&as_(service, "alice", "/inviter").await).expect("a code");
    assert!(as_(service, name, &format!("/rejoindre {code}")).await.contains("Bienvenue"));
    as_(service, name, "/lieu Lyon").await;
}

/// What waits in the outbox for an account.
pub async fn pending(store: &dyn Store, account: &AccountRef) -> Vec<OutgoingBody> {
    let due = store.due_messages(account.platform, i64::MAX, 10_000).await.unwrap();
    due.into_iter().filter(|m| &m.message.to == account).map(|m| m.message.body).collect()
}

/// The texts waiting for a console member, joined.
pub async fn inbox(store: &dyn Store, user: &str) -> String {
    let mut texts = Vec::new();
    for body in pending(store, &AccountRef::new(Platform::Console, user)).await {
        match body {
            OutgoingBody::Text { text } | OutgoingBody::Choices { text, .. } => texts.push(text),
            OutgoingBody::Document { caption, content, .. } => texts.push(format!("{caption}\n{content}")),
            _ => {}
        }
    }
    texts.join("\n")
}

/// Delivery without rate limits on one platform: the tests move the clock themselves.
pub fn unlimited(platform: Platform) -> entraide_core::outbox::DeliverySettings {
    use entraide_core::outbox::{DeliverySettings, Limits, Rate};
    let limits = Limits { global: Rate::UNLIMITED, per_chat: Rate::UNLIMITED, per_recipient: Rate::UNLIMITED };
    DeliverySettings { limits: std::collections::HashMap::from([(platform, limits)]), ..DeliverySettings::default() }
}

/// `entraide run` on a configuration file with one platform secret, logging at the most
/// verbose level to a pipe the test reads (killed when dropped).
pub fn run_traced(config: &std::path::Path, secret: (&str, &str)) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_entraide"))
        .arg("--config")
        .arg(config)
        .arg("run")
        .env(secret.0, secret.1)
        .env("RUST_LOG", "trace")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// Sends SIGTERM and waits for the process to exit by itself (within 15 s).
pub async fn terminate(child: tokio::process::Child) -> std::process::Output {
    let pid = child.id().unwrap().to_string();
    let status = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exited = tokio::time::timeout(std::time::Duration::from_secs(15), child.wait_with_output()).await;
    exited.expect("the process stops within 15 s of SIGTERM").unwrap()
}

/// Stops a traced run and checks its logs were verbose and carry none of `secrets`; returns
/// them.
pub async fn assert_logs_keep(mut running: tokio::process::Child, secrets: &[&str]) -> String {
    running.kill().await.unwrap();
    let logs = String::from_utf8_lossy(&running.wait_with_output().await.unwrap().stderr).into_owned();
    assert!(logs.contains("TRACE"), "the most verbose level was on");
    for secret in secrets {
        let leaks: Vec<&str> = logs.lines().filter(|line| line.contains(secret)).collect();
        assert!(leaks.is_empty(), "{secret:?} leaked into the logs: {leaks:#?}");
    }
    logs
}

/// Waits until `check` holds, failing the test past `limit`.
pub async fn until_true(what: &str, limit: std::time::Duration, mut check: impl AsyncFnMut() -> bool) {
    let start = std::time::Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
