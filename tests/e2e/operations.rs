//! Operations with the real binary: the supervision listener's probes and metrics scraped
//! and parsed during a scripted session on the fake Telegram, JSON logs throughout, and a
//! clean stop on SIGTERM.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;
use tokio::process::Command;

use crate::fake_telegram::{FakeTelegram, message};
use crate::support;

const BIN: &str = env!("CARGO_BIN_EXE_entraide");
const TOKEN: &str = "7301234567:AAFakeTokenMetricsOps";
const GROUP: i64 = -1001;

/// One sample of Prometheus' text format: its name, labels and value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Parses Prometheus' text format (what `/metrics` serves); panics on a malformed line.
fn parse_metrics(text: &str) -> Vec<Sample> {
    let mut samples = Vec::new();
    for line in text.lines().filter(|line| !line.is_empty() && !line.starts_with('#')) {
        let (series, value) = line.rsplit_once(' ').unwrap_or_else(|| panic!("no value: {line}"));
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("not a number: {line}"));
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => {
                let inner = rest.strip_suffix('}').unwrap_or_else(|| panic!("unclosed labels: {line}"));
                let labels = inner
                    .split("\",")
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let (key, value) = pair.split_once("=\"").unwrap_or_else(|| panic!("bad label: {line}"));
                        (key.to_owned(), value.trim_end_matches('"').to_owned())
                    })
                    .collect();
                (name.to_owned(), labels)
            }
            None => (series.to_owned(), BTreeMap::new()),
        };
        samples.push(Sample { name, labels, value });
    }
    samples
}

/// The value of the sample with this name and these labels (others may be present).
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v)))
        .map(|s| s.value)
}

async fn get(url: &str) -> (u16, String) {
    match reqwest::get(url).await {
        Ok(response) => (response.status().as_u16(), response.text().await.unwrap_or_default()),
        Err(_) => (0, String::new()),
    }
}

/// Waits (up to 20 s) until `url` answers with `status`; returns the body.
async fn until_status(url: &str, status: u16) -> String {
    for _ in 0..200 {
        let (got, body) = get(url).await;
        if got == status {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} never answered {status}: last {:?}", get(url).await);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn write_config(dir: &Path, telegram: &str, port: u16) -> std::path::PathBuf {
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.join("e.db").display()))
        .replace("groups = []", &format!("groups = [{GROUP}]"))
        .replacen("api_url = \"\"", &format!("api_url = \"{telegram}\""), 1)
        .replace(
            "enabled = false\nlisten = \"127.0.0.1:9464\"",
            &format!("enabled = true\nlisten = \"127.0.0.1:{port}\""),
        );
    let path = dir.join("entraide.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn probes_and_metrics_during_a_session_then_a_clean_stop() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = write_config(dir.path(), &fake.url, port);
    let members = dir.path().join("members.csv");
    std::fs::write(
        &members,
        "name,platform,user_id,city,sponsor,joined,role\n\
         Zéphyrine,telegram,42,Lyon,,2020-01-01,admin\n\
         Barnabé,telegram,43,Lyon,Zéphyrine,2021-01-01,member\n",
    )
    .unwrap();
    let import = Command::new(BIN).arg("--config").arg(&config).arg("import").arg(&members).output().await.unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));

    let log = dir.path().join("stderr.log");
    let bot = Command::new(BIN)
        .args(["--log-format", "json", "--config"])
        .arg(&config)
        .arg("run")
        .env("ENTRAIDE_TELEGRAM_TOKEN", TOKEN)
        .env("RUST_LOG", "debug")
        .stdout(Stdio::null())
        // A file, not a pipe: a pipe nobody reads fills up and blocks the bot's logging.
        .stderr(std::fs::File::create(&log).unwrap())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    assert_eq!(until_status(&format!("{base}/healthz"), 200).await, "ok\n");
    assert_eq!(until_status(&format!("{base}/readyz"), 200).await, "ready\n");

    // A scripted session: a request in the group, an offer, help, an unknown command.
    fake.push(message(1, 42, "Zéphyrine", GROUP, "/besoin une perceuse Xylocope à Lyon"));
    fake.push(message(2, 43, "Barnabé", 43, "/offre je prête une perceuse Xylocope à Lyon"));
    fake.push(message(3, 43, "Barnabé", 43, "/aide"));
    fake.push(message(4, 42, "Zéphyrine", 42, "/nimportequoi"));
    for _ in 0..200 {
        if fake.texts_to(43).len() >= 2 && !fake.texts_to(42).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text = until_status(&format!("{base}/metrics"), 200).await;
    let samples = parse_metrics(&text);
    let telegram = ("platform", "telegram");
    let ok = ("outcome", "ok");
    assert_eq!(value(&samples, "entraide_commands_total", &[("command", "need"), telegram, ok]), Some(1.0), "{text}");
    assert_eq!(value(&samples, "entraide_commands_total", &[("command", "offer"), telegram, ok]), Some(1.0));
    assert_eq!(value(&samples, "entraide_commands_total", &[("command", "help"), telegram, ok]), Some(1.0));
    let unknown = [("command", "unknown"), telegram, ("outcome", "refused")];
    assert_eq!(value(&samples, "entraide_commands_total", &unknown), Some(1.0), "{text}");
    // Answers and the rest (here, the helper's question) go through the outbox.
    let sent = value(&samples, "entraide_sends_total", &[telegram, ("outcome", "sent")]).unwrap_or(0.0);
    assert!(sent >= 1.0, "{text}");
    assert!(value(&samples, "entraide_matching_seconds_count", &[]).unwrap_or(0.0) >= 2.0, "{text}");
    assert!(samples.iter().any(|s| s.name == "entraide_matching_seconds_bucket"), "a histogram: {text}");
    let community = ("community", "entraide");
    // The two imported, and the configured founder.
    assert_eq!(value(&samples, "entraide_members", &[community, ("status", "active")]), Some(3.0), "{text}");
    assert_eq!(value(&samples, "entraide_open_requests", &[community]), Some(1.0), "{text}");
    assert_eq!(value(&samples, "entraide_open_offers", &[community]), Some(1.0), "{text}");
    assert!(value(&samples, "entraide_outbox_due", &[telegram]).is_some(), "{text}");
    assert!(value(&samples, "entraide_outbox_oldest_due_seconds", &[telegram]).is_some(), "{text}");
    assert_eq!(value(&samples, "entraide_platform_connected", &[telegram]), Some(1.0));
    assert!(text.contains("# HELP entraide_sends_total"), "described: {text}");
    for private in ["Zéphyrine", "Barnabé", "Xylocope", "perceuse", "Lyon", "42\"", "43\""] {
        assert!(!text.contains(private), "{private:?} in the metrics");
    }

    // Telegram refuses the bot for a while: not ready, saying why; then back. (Not a 5xx:
    // teloxide waits 10 s after each.)
    for _ in 0..3 {
        fake.fail_next("getupdates", 401, json!({"ok": false, "error_code": 401, "description": "Unauthorized"}));
    }
    assert_eq!(until_status(&format!("{base}/readyz"), 503).await, "telegram: not connected\n");
    assert_eq!(until_status(&format!("{base}/readyz"), 200).await, "ready\n");
    let back = parse_metrics(&get(&format!("{base}/metrics")).await.1);
    assert_eq!(value(&back, "entraide_platform_connected", &[telegram]), Some(1.0));

    let stopped = support::terminate(bot).await;
    assert!(stopped.status.success(), "{}", stopped.status);
    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(logs.contains("\"message\":\"stopped\""), "{logs}");
    for line in logs.lines() {
        let parsed: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        assert!(parsed["level"].is_string() && parsed["timestamp"].is_string(), "{line}");
    }
    for secret in [TOKEN, "AAFakeToken", "Xylocope", "Zéphyrine", "Barnabé"] {
        assert!(!logs.contains(secret), "{secret:?} leaked into the logs");
    }
}

const GUILD: u64 = 222;
const MEMBER_ROLE: u64 = 888;
const INVITES: u64 = 444;
const NEWS: u64 = 555;
const DISCORD_TOKEN: &str = "MTA5.FakeDiscordDoctor.Zx";

/// Runs `entraide doctor` with these environment variables; its exit code and report.
async fn doctor(config: &Path, env: &[(&str, &str)]) -> (i32, String) {
    let mut command = Command::new(BIN);
    command.arg("--config").arg(config).arg("doctor").env("RUST_LOG", "off");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().await.unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    for secret in [TOKEN, "AAFakeToken", DISCORD_TOKEN, "FakeDiscordDoctor", "s3cret"] {
        assert!(!report.contains(secret), "{secret:?} in the report: {report}");
    }
    (output.status.code().unwrap_or(-1), report)
}

/// `entraide doctor` on a good configuration (the fake Telegram and Discord, where the bot
/// has every right), then on broken ones: the rights missing on both, a token refused, a
/// token file that cannot be read, a database out of reach, a corrupt file. Each says what
/// is wrong and how to fix it, exits with 1 when the bot cannot work, and prints no secret.
#[tokio::test]
async fn doctor_on_a_good_config_and_on_broken_ones() {
    let telegram = FakeTelegram::start().await;
    let discord = crate::fake_discord::FakeDiscord::start(GUILD).await;
    discord.add_role(MEMBER_ROLE, "Membres", 1);
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &telegram.url, free_port());
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace(
            "guilds = []",
            &format!(
                "guilds = [{GUILD}]\nmember_roles = {{ {GUILD} = {MEMBER_ROLE} }}\ninvite_channel = {INVITES}\n\
                 announce_channels = {{ {GUILD} = {NEWS} }}"
            ),
        )
        .replace("api_url = \"\"", &format!("api_url = \"{}\"", discord.url));
    std::fs::write(&config, text).unwrap();
    let platforms = [("ENTRAIDE_TELEGRAM_TOKEN", TOKEN), ("ENTRAIDE_DISCORD_TOKEN", DISCORD_TOKEN)];

    // Before the database exists: a warning, not a failure.
    let (code, report) = doctor(&config, &platforms).await;
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("! Base de données") && report.contains("entraide migrate"), "{report}");
    let migrate = Command::new(BIN).arg("--config").arg(&config).arg("migrate").output().await.unwrap();
    assert!(migrate.status.success());

    let (code, report) = doctor(&config, &platforms).await;
    assert_eq!(code, 0, "{report}");
    for line in [
        "✓ Base de données sqlite:",
        "✓ Telegram accepte le jeton du bot @",
        "✓ Telegram, groupe -1001 : le bot y a tous ses droits.",
        "✓ Discord accepte le jeton du bot entraide.",
        "✓ Discord, serveur 222 : le bot y a toutes ses permissions.",
        "Tout est prêt.",
    ] {
        assert!(report.contains(line), "{line:?} missing: {report}");
    }

    // A bot running on the database: said, and the Matrix check (which would share its
    // session) skipped.
    let mut running = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("console")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Its answer to a first command: the database is open.
    let mut stdin = running.stdin.take().unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut stdin, b"/aide\n").await.unwrap();
    let mut first = String::new();
    let mut stdout = tokio::io::BufReader::new(running.stdout.take().unwrap());
    let answered = tokio::io::AsyncBufReadExt::read_line(&mut stdout, &mut first);
    tokio::time::timeout(Duration::from_secs(30), answered).await.unwrap().unwrap();
    let (code, report) = doctor(&config, &[("ENTRAIDE_MATRIX_PASSWORD", "s3cret")]).await;
    assert_eq!(code, 0, "warnings only: {report}");
    assert!(report.contains("✓ Un bot tourne en ce moment sur cette base."), "{report}");
    assert!(report.contains("! Matrix non vérifié : un bot tourne sur cette base"), "{report}");
    running.kill().await.unwrap();

    // A channel overwrite takes away what the server grants; a channel that is not there.
    discord.deny_in_channel(INVITES, 1);
    discord.remove_channel(NEWS);
    let (code, report) = doctor(&config, &platforms[1..]).await;
    assert_eq!(code, 1, "{report}");
    for line in [
        "✗ Discord, serveur 222, salon 444 ([discord] invite_channel) : le bot ne peut pas y créer d'invitations",
        "✗ Discord, serveur 222 : le salon 555 n'existe pas dans ce serveur",
    ] {
        assert!(report.contains(line), "{line:?} missing: {report}");
    }
    assert!(!report.contains("donnez à son rôle « Créer une invitation »"), "granted server-wide: {report}");

    // The developer portal refuses the privileged intents: Discord would close the gateway.
    discord.refuse_intents();
    let (code, report) = doctor(&config, &platforms[1..]).await;
    assert_eq!(code, 1, "{report}");
    let refused = "✗ Discord : le portail développeur n'autorise pas Server Members, Message Content";
    assert!(report.contains(refused), "{report}");

    // The rights are missing on both platforms, and the member role sits above the bot's.
    telegram.bot_is(json!({"user": crate::fake_telegram::bot_user(), "status": "member"}));
    discord.powerless_in(GUILD, true);
    discord.add_role(MEMBER_ROLE + 1, "Anciens", 9);
    let text = std::fs::read_to_string(&config).unwrap();
    let above = text.replace(&format!("{GUILD} = {MEMBER_ROLE}"), &format!("{GUILD} = {}", MEMBER_ROLE + 1));
    let broken = dir.path().join("above.toml");
    std::fs::write(&broken, above).unwrap();
    let (code, report) = doctor(&broken, &platforms).await;
    assert_eq!(code, 1, "{report}");
    for line in [
        "✗ Telegram, groupe -1001 : le bot n'est pas administrateur — faites-en un administrateur",
        "✗ Discord, serveur 222 : le bot ne peut pas bannir — donnez à son rôle « Bannir des membres ».",
        "✗ Discord, serveur 222 : le bot ne peut pas exclure temporairement",
        "✗ Discord, serveur 222 : le bot ne peut pas donner le rôle des membres",
        "! Discord, serveur 222 : le bot ne peut pas lire les invitations",
        "✗ Discord, serveur 222 : le rôle « Anciens » est au-dessus de celui du bot",
    ] {
        assert!(report.contains(line), "{line:?} missing: {report}");
    }
    assert!(report.contains("problèmes empêchent le bot de fonctionner"), "{report}");

    // Telegram refuses the token.
    let refused = json!({"ok": false, "error_code": 401, "description": "Unauthorized"});
    telegram.fail_next("getme", 401, refused);
    let (code, report) = doctor(&config, &platforms[..1]).await;
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("✗ Telegram refuse le jeton — vérifiez ENTRAIDE_TELEGRAM_TOKEN"), "{report}");

    // A token file that is not there.
    let missing = dir.path().join("no-such-token");
    let (code, report) = doctor(&config, &[("ENTRAIDE_DISCORD_TOKEN_FILE", missing.to_str().unwrap())]).await;
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("✗ Secret illisible : cannot read ENTRAIDE_DISCORD_TOKEN_FILE"), "{report}");

    // A database out of reach (its password never shown).
    let (code, report) =
        doctor(&config, &[("ENTRAIDE_DATABASE_URL", "postgres://entraide:s3cret@127.0.0.1:1/entraide")]).await;
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("✗ Base de données postgres://entraide:***@127.0.0.1:1/entraide injoignable"), "{report}");

    // A corrupt file: named, with its line.
    let corrupt = dir.path().join("corrupt.toml");
    std::fs::write(&corrupt, "[community]\nslug = 3\n").unwrap();
    let (code, report) = doctor(&corrupt, &[]).await;
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("✗ Configuration : ") && report.contains("ligne 2"), "{report}");
    assert!(report.contains("il faut un texte entre guillemets, pas un nombre entier"), "all in French: {report}");
    assert!(telegram.unknown().is_empty() && discord.unknown().is_empty(), "{:?}", discord.unknown());
}

/// A SQLite file with a damaged page, away from the few pages that hold the schema: `doctor`
/// reads the whole file (`quick_check`) and says it is damaged and how to restore it, rather
/// than "schema up to date".
#[tokio::test]
async fn doctor_finds_a_damaged_page_in_a_sqlite_file() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "http://127.0.0.1:1", free_port());
    let path = dir.path().join("e.db");
    let url = format!("sqlite:{}", path.display());
    {
        let (app, _clock) = crate::moderation::community(&url, &["bob", "carol", "dave"]).await;
        app.store.close().await;
    }
    let (code, report) = doctor(&config, &[]).await;
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("schéma à jour"), "{report}");

    // Everything in the file itself, then the members table's first page overwritten.
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut connection).await.unwrap();
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&mut connection).await.unwrap();
    let root: i64 = sqlx::query_scalar("SELECT rootpage FROM sqlite_master WHERE name = 'members'")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
    let (page_size, root) = (usize::try_from(page_size).unwrap(), usize::try_from(root).unwrap());
    assert!(root > 1, "the schema's own page stays whole");
    let mut bytes = std::fs::read(&path).unwrap();
    let start = (root - 1) * page_size;
    bytes[start..start + page_size].fill(0xA5);
    std::fs::write(&path, bytes).unwrap();

    let (code, report) = doctor(&config, &[]).await;
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("✗ Base de données sqlite:") && report.contains("endommagée"), "{report}");
    assert!(report.contains("entraide restore"), "{report}");
    assert!(!report.contains("schéma à jour"), "{report}");
}

/// Several processes on one PostgreSQL database: `entraide doctor` says who holds each
/// platform connection and how old its heartbeat is, and warns when a lease ran out (no
/// process serves that platform).
#[tokio::test]
async fn doctor_says_who_holds_each_connection() {
    let db = support::postgres().await;
    let store = entraide_store_sql::open(&db.url).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    store.take_lease("telegram", "host-a:42:beef", now - 2, now + 600).await.unwrap().unwrap();
    store.take_lease("discord:0", "host-b:7:cafe", now - 100, now - 50).await.unwrap().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = entraide::config::EXAMPLE.replace("url = \"sqlite:entraide.db\"", &format!("url = \"{}\"", db.url));
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let (_, report) = doctor(&config, &[]).await;
    assert!(report.contains("✓ Connexion telegram tenue par host-a:42:beef (dernier battement il y a"), "{report}");
    assert!(report.contains("! Connexion discord:0 tenue par personne"), "{report}");
}
